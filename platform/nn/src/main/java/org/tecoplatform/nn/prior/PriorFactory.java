package org.tecoplatform.nn.prior;

import org.tecoplatform.api.Prior;
import org.tecoplatform.api.Settings;

/**
 * The service a prior plugin registers ({@code @Component(service = PriorFactory.class,
 * property = "teco.name=<name>")}): it builds the prior network for TECO's shapes from the
 * resolved config. The plugin's own section ({@code <name>:}) is declared by
 * {@link #options()}, so the platform checks it and fills its defaults before {@code create}.
 * It extends the SPI's {@link Prior} so the platform can list and describe it without the kit.
 */
public interface PriorFactory extends Prior {

    /** A {@link org.tecoplatform.api.BadInputException} names the key when the config does not fit. */
    PriorNetwork create(PriorShape shape, Settings config);
}
