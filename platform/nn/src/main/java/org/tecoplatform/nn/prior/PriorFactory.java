package org.tecoplatform.nn.prior;

import org.tecoplatform.api.Prior;
import org.tecoplatform.api.Settings;

/**
 * What a prior plugin's component implements (and registers as {@link Prior}): it builds the
 * prior network for TECO's shapes from the resolved config (the original's keys such as
 * {@code z_git}, {@code T_draft}, and the plugin's own section).
 */
public interface PriorFactory extends Prior {

    /** A {@link org.tecoplatform.api.BadInputException} names the key when the config does not fit. */
    PriorNetwork create(PriorShape shape, Settings config);
}
