import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.httpproxy.HttpProxy;

/**
 * The JVM's floor of a gateway on this machine: a bare reverse proxy on the same Vert.x, Netty and Vert.x HTTP Proxy
 * that the Kiroku gateway runs on (their jars are taken from the gateway's build), with none of its work — no
 * router, no token check, no policies, no rate limit, no access log, no request id, no tracing, no metrics. One
 * server verticle per event loop, each with its own keep-alive client to the service, as the gateway proxies.
 * Run by {@code vertx-floor.sh}; arguments: port, upstream port, event loops.
 */
public final class VertxFloor {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int upstream = Integer.parseInt(args[1]);
        int loops = Integer.parseInt(args[2]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true).setMaxPoolSize(16)));
                proxy.origin(upstream, "127.0.0.1");
                vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
                        .requestHandler(proxy)
                        .listen()
                        .onSuccess(server -> System.out.println("vertx-floor listening on " + port))
                        .onFailure(failure -> {
                            failure.printStackTrace();
                            System.exit(1);
                        });
            }
        }, new DeploymentOptions().setInstances(loops));
    }
}
