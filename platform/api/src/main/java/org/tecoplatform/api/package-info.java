/**
 * The TECO Platform plugin SPI: the service interfaces a plugin bundle implements
 * ({@link org.tecoplatform.api.DatasetReader}, {@link org.tecoplatform.api.Tokenizer},
 * {@link org.tecoplatform.api.Prior}, {@link org.tecoplatform.api.Metric} (and {@link org.tecoplatform.api.ModelMetric}),
 * {@link org.tecoplatform.api.Stage}) and the value types they exchange.
 *
 * <p>Each plugin is a Declarative Services component registered under one of these
 * interfaces with the service property {@value org.tecoplatform.api.PluginKind#NAME_PROPERTY};
 * a config selects it by that name. Nothing here depends on ND4J, ONNX Runtime or Arrow.
 */
@Export
@Version("1.6.0")
package org.tecoplatform.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
