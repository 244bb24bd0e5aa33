package org.tecoplatform.dataset.npz;

import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.DatasetReader;

/** The Minecraft episodes of the original TECO, as npz files: a config selects it with {@code dataset: minecraft}. */
@Component(service = DatasetReader.class, property = "teco.name=minecraft")
public final class MinecraftDatasetReader extends NpzDatasetComponent {

    public MinecraftDatasetReader() {
        super(NpzDatasetSpec.MINECRAFT);
    }
}
