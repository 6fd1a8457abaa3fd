package dev.kiroku.jointuse.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** The business's joint-use settings (env KIROKU_JOINT_USE_...). */
@ConfigMapping(prefix = "kiroku.joint-use")
public interface JointUseConfig {

    /**
     * Days a change needing advance notice (purposes, responsible party replaced) must be published ahead. The Act
     * (Art. 27(6)) asks only for notice in advance: 1 (any day after the notice) is the Act; more is business policy.
     */
    @WithDefault("1")
    @Min(1)
    int minimumAdvanceNoticeDays();

    /** Days after a change of the responsible party's details after which its pending notice is overdue. */
    @WithDefault("7")
    @Min(0)
    int withoutDelayDays();
}
