import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** One SQL statement: java -cp postgresql.jar Sql.java JDBC_URL STATEMENT; prints the first column of the first row. */
public class Sql {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0]); Statement st = c.createStatement()) {
            if (st.execute(args[1])) {
                try (ResultSet rs = st.getResultSet()) {
                    if (rs.next()) {
                        System.out.println(rs.getString(1));
                    }
                }
            }
        }
    }
}
