package dev.kiroku.platform.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The suite's module boundaries as executable rules, checked by every module's tests:
 * no service imports another service's packages; {@code platform} imports no service; REST resources never take
 * or return persistence entities; inside a service, arrows only point down ({@link #layerRules}).
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

    /** Checks every rule for the service whose root package is given, its layer rules included. */
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
        checkLayers(servicePackage, classes);
    }

    /** Checks that the platform modules depend on no service. */
    public static void checkPlatform() {
        noClasses().that().resideInAPackage(PLATFORM + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        SERVICES.stream().map(s -> s + "..").toArray(String[]::new))
                .as("platform imports no service")
                .check(new ClassFileImporter().importPackages(PLATFORM));
    }

    /**
     * Inside a service, features are packages ({@code <service>.<feature>}) with {@code rest → service → repository →
     * domain} and arrows that only point down: a repository imports no service and no REST class, a service no REST
     * class, REST no repository (it goes through its service); nothing outside a feature imports that feature's
     * repository; and the feature packages are free of cycles.
     */
    public static List<ArchRule> layerRules(String servicePackage) {
        String root = servicePackage + ".";
        return List.of(
                noClasses().that().resideInAPackage(servicePackage + ".*.repository..")
                        .should().dependOnClassesThat().resideInAnyPackage(servicePackage + ".*.service..",
                                servicePackage + ".*.rest..")
                        .as("a repository imports no service and no REST class (" + servicePackage + ")")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(servicePackage + ".*.service..")
                        .should().dependOnClassesThat().resideInAPackage(servicePackage + ".*.rest..")
                        .as("a service imports no REST class (" + servicePackage + ")")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(servicePackage + ".*.rest..")
                        .should().dependOnClassesThat().resideInAPackage(servicePackage + ".*.repository..")
                        .as("REST goes through its service, never to a repository (" + servicePackage + ")")
                        .allowEmptyShould(true),
                classes().that().resideInAPackage(servicePackage + "..")
                        .should(new ArchCondition<>("import a feature's repository only from inside that feature") {
                            @Override
                            public void check(JavaClass origin, ConditionEvents events) {
                                String from = featureOf(root, origin.getPackageName());
                                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                                    String target = d.getTargetClass().getPackageName();
                                    String feature = featureOf(root, target);
                                    if (feature != null && target.startsWith(root + feature + ".repository")
                                            && !feature.equals(from)) {
                                        events.add(SimpleConditionEvent.violated(origin, d.getDescription()));
                                    }
                                }
                            }
                        })
                        .as("nothing outside a feature imports its repository (" + servicePackage + ")")
                        .allowEmptyShould(true),
                slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles()
                        .as("the feature packages of " + servicePackage + " are free of cycles")
                        .allowEmptyShould(true));
    }

    /** The feature a package belongs to (its first segment below the service root), or null outside the service. */
    static String featureOf(String root, String packageName) {
        if (!packageName.startsWith(root)) {
            return null;
        }
        String rest = packageName.substring(root.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Checks the layer rules of a service on the given classes. */
    public static void checkLayers(String servicePackage, JavaClasses classes) {
        layerRules(servicePackage).forEach(rule -> rule.check(classes));
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
