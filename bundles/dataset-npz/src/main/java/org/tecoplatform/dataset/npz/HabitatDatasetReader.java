package org.tecoplatform.dataset.npz;

import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.DatasetReader;

/** The Habitat episodes of the original TECO, as npz files: a config selects it with {@code dataset: habitat}. */
@Component(service = DatasetReader.class, property = "teco.name=habitat")
public final class HabitatDatasetReader extends NpzDatasetComponent {

    public HabitatDatasetReader() {
        super(NpzDatasetSpec.HABITAT);
    }
}
