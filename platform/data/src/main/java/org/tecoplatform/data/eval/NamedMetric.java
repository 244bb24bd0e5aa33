package org.tecoplatform.data.eval;

import java.util.Objects;
import org.tecoplatform.api.Metric;

/** A metric plugin with the name a config or the command line chose it by ({@code psnr}). */
public record NamedMetric(String name, Metric metric) {

    public NamedMetric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
    }
}
