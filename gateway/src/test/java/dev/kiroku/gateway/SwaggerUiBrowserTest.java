package dev.kiroku.gateway;

import dev.kiroku.platform.testing.DemoLogins;
import dev.kiroku.platform.testing.KeycloakResource;
import dev.kiroku.platform.testing.PackagedService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Swagger UI as a person uses it, in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; the gateway's {@code browser} profile runs this test only where they are installed):
 * Authorize, sign in at the real Keycloak as the compliance officer through the authorization code flow with PKCE,
 * then try a real call and see its 200. Screenshots of each step go to {@code gateway/target/browser/}.
 * <p>
 * The browser reaches the test gateway as {@code http://localhost:8080}: Chromium maps that host and port to the
 * gateway's random test port ({@code --host-rules}), the way a hosts-file entry would. So the page's origin is one the
 * committed realm ({@code keycloak/kiroku-realm.json}) admits as a web origin of {@code kiroku-swagger}, and the test
 * proves the realm file itself, unchanged, without binding port 8080 (which a running {@code ./kiroku up} may hold)
 * and without rewriting the realm for the test.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(value = ServicesResource.class, restrictToAnnotatedClass = true)
class SwaggerUiBrowserTest {

    /** The origin the browser believes it is on: the gateway's address on the local stack. */
    static final String ORIGIN = "http://localhost:8080";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL gateway;

    private WebDriver browser;
    private WebDriverWait waiting;
    private Path screenshots;

    @BeforeEach
    void openBrowser() throws IOException {
        screenshots = PackagedService.home().resolve("gateway/target/browser");
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions()
                .setBinary(System.getProperty("kiroku.chromium", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1400,1100", "--lang=ja",
                        "--host-rules=MAP localhost:8080 127.0.0.1:" + FrontDoors.port(gateway.getPort()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("kiroku.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        waiting = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theOfficerSignsInThroughPkceAndTriesARealCallFromTheSwaggerUi() throws IOException {
        browser.get(ORIGIN + "/q/swagger-ui/");
        WebElement authorize = waiting.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button.btn.authorize")));
        waiting.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".opblock-summary-path[data-path='/api/v1/provisions']")));
        screenshot("01-swagger-ui.png");

        authorize.click();
        WebElement signIn = waiting.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".auth-container .auth-btn-wrapper button.authorize")));
        screenshot("02-authorize-dialog.png");
        String swaggerWindow = browser.getWindowHandle();
        signIn.click();

        // Keycloak's login page opens in its own window (the Swagger UI's OAuth2 popup)
        waiting.until(driver -> driver.getWindowHandles().size() > 1);
        Set<String> windows = browser.getWindowHandles();
        windows.stream().filter(handle -> !handle.equals(swaggerWindow)).findFirst()
                .ifPresent(handle -> browser.switchTo().window(handle));
        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(DemoLogins.OFFICER);
        browser.findElement(By.id("password")).sendKeys(DemoLogins.passwordOf(DemoLogins.OFFICER));
        assertThat(browser.getCurrentUrl()).contains("/realms/kiroku/protocol/openid-connect/auth")
                .contains("code_challenge_method=S256").contains("client_id=kiroku-swagger");
        screenshot("03-keycloak-sign-in.png");
        browser.findElement(By.id("kc-login")).click();

        // the popup hands the code back and closes; the Swagger UI exchanges it for a token at Keycloak
        waiting.until(driver -> driver.getWindowHandles().size() == 1);
        browser.switchTo().window(swaggerWindow);
        WebElement logout = waiting.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[contains(@class,'auth-container')]//button[normalize-space()='Logout']")));
        assertThat(browser.findElements(By.cssSelector(".auth-container .errors"))).isEmpty();
        screenshot("04-signed-in.png");
        assertThat(logout.isDisplayed()).isTrue();
        browser.findElement(By.cssSelector(".auth-btn-wrapper button.btn-done")).click();

        WebElement operation = browser.findElement(By.xpath("//div[contains(@class,'opblock-get')]"
                + "[.//*[contains(@class,'opblock-summary-path') and @data-path='/api/v1/provisions']]"));
        click(operation, By.cssSelector(".opblock-summary-control"));
        // the gateway's Swagger UI opens operations ready to try (quarkus.swagger-ui.try-it-out-enabled); else ask
        waiting.until(driver -> !operation.findElements(By.cssSelector("button.execute, button.try-out__btn"))
                .isEmpty());
        if (operation.findElements(By.cssSelector("button.execute")).isEmpty()) {
            click(operation, By.cssSelector("button.try-out__btn:not(.cancel)"));
        }
        click(operation, By.cssSelector("button.execute"));
        WebElement status = waiting.until(driver -> operation.findElements(
                        By.cssSelector(".live-responses-table .response .response-col_status")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", status);
        screenshot("05-call-answered-200.png");
        assertThat(status.getText().trim()).isEqualTo("200");
        assertThat(operation.findElement(By.cssSelector(".live-responses-table tbody .response-col_description"))
                .getText()).contains("Response body").contains("\"items\"").contains("\"total\"");
    }

    /** Clicks the element when it is shown and enabled, scrolled into the middle of the window first. */
    private void click(WebElement within, By locator) throws IOException {
        WebElement element;
        try {
            element = waiting.until(driver -> within.findElements(locator).stream()
                    .filter(e -> e.isDisplayed() && e.isEnabled()).findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-waiting-for-" + locator.toString().replaceAll("[^A-Za-z0-9_.-]+", "_") + ".png");
            throw e;
        }
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
