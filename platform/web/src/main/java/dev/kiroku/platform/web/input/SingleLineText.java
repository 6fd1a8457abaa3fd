package dev.kiroku.platform.web.input;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An identifier, a name, a corporate number or a title: one line of visible text. Besides what every string refuses
 * ({@link Texts#refusal}: NUL, lone surrogates, non-characters), it refuses control characters (Unicode Cc: CR, LF,
 * TAB, …) and format characters (Cf: zero-width space U+200B, bidi embeddings and overrides U+202A–202E, isolates
 * U+2066–2069, …), which would make two visually equal keys differ and a stop or a disclosure miss its subject.
 * {@code null} is valid (use {@code @NotNull} / {@code @NotBlank} for presence).
 */
@Documented
@Constraint(validatedBy = SingleLineText.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLineText {

    String message() default "must be a single line of text without control or format characters "
            + "(line breaks, tabs, zero-width or bidirectional marks)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a {@link CharSequence} with {@link Texts#singleLineRefusal}. */
    class Validator implements ConstraintValidator<SingleLineText, CharSequence> {

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || Texts.singleLineRefusal(value.toString()) == null;
        }
    }
}
