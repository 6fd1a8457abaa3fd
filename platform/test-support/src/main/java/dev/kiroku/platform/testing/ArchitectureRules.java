package dev.kiroku.platform.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The suite's module boundaries as executable rules, checked by every module's tests:
 * no service imports another service's packages; {@code platform} imports no service; REST resources never take
 * or return persistence entities.
 */
public final class ArchitectureRules {

    public static final String ROOT = "dev.kiroku";
    public static final String PLATFORM = ROOT + ".platform";
    public static final List<String> SERVICES = List.of(
            ROOT + ".provisionrecords", ROOT + ".jointuse", ROOT + ".breachreporting", ROOT + ".gateway");

    private ArchitectureRules() {
    }

    /** The production classes of the suite that are on this module's class path. */
    public static JavaClasses importSuite() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_ARCHIVES)
                .importPackages(ROOT);
    }

    /** Checks every rule for the service whose root package is given. */
    public static void checkService(String servicePackage) {
        if (!SERVICES.contains(servicePackage)) {
            throw new IllegalArgumentException("not a Kiroku service package: " + servicePackage);
        }
        JavaClasses classes = importSuite();
        String[] others = SERVICES.stream().filter(s -> !s.equals(servicePackage)).map(s -> s + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .as("no service imports another service's packages (" + servicePackage + ")")
                .allowEmptyShould(true)
                .check(classes);
        restResourcesNeverExposeEntities(servicePackage).check(classes);
    }

    /** Checks that the platform modules depend on no service. */
    public static void checkPlatform() {
        noClasses().that().resideInAPackage(PLATFORM + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        SERVICES.stream().map(s -> s + "..").toArray(String[]::new))
                .as("platform imports no service")
                .check(new ClassFileImporter().importPackages(PLATFORM));
    }

    static com.tngtech.archunit.lang.ArchRule restResourcesNeverExposeEntities(String servicePackage) {
        return methods().that().areDeclaredInClassesThat(resourceClassesIn(servicePackage)).and().arePublic()
                .should(new ArchCondition<>("neither take nor return a persistence entity") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        Stream.concat(Stream.of(method.getRawReturnType()), method.getRawParameterTypes().stream())
                                .flatMap(type -> Stream.concat(Stream.of(type),
                                        method.getReturnType().getAllInvolvedRawTypes().stream()))
                                .filter(ArchitectureRules::isPersistent)
                                .distinct()
                                .forEach(entity -> events.add(SimpleConditionEvent.violated(method,
                                        method.getFullName() + " exposes entity " + entity.getName())));
                    }
                })
                .as("REST resources never expose entities (" + servicePackage + ")")
                .allowEmptyShould(true);
    }

    private static DescribedPredicate<JavaClass> resourceClassesIn(String servicePackage) {
        return DescribedPredicate.describe("REST resources of " + servicePackage,
                c -> c.getPackageName().startsWith(servicePackage) && c.isAnnotatedWith(Path.class));
    }

    private static boolean isPersistent(JavaClass type) {
        return type.isAnnotatedWith(Entity.class) || type.isAnnotatedWith(Embeddable.class);
    }
}
