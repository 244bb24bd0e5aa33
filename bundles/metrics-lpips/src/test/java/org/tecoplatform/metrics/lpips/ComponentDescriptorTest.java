package org.tecoplatform.metrics.lpips;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The descriptor bnd generated is what SCR registers: configs find the metric by teco.name. */
class ComponentDescriptorTest {

    @Test
    void lpipsIsAMetricService() throws Exception {
        Path classes = Path.of(LpipsMetric.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String xml = Files.readString(classes.resolve("OSGI-INF/org.tecoplatform.metrics.lpips.LpipsMetric.xml"));
        assertThat(xml).contains("<property name=\"teco.name\" type=\"String\" value=\"lpips\"/>",
                "<provide interface=\"org.tecoplatform.api.Metric\"/>");
        String manifest = Files.readString(classes.resolve("META-INF/MANIFEST.MF"));
        assertThat(manifest).contains("org.tecoplatform.api;version=\"[1.6,2)\"");
    }
}
