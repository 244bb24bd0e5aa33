package org.tecoplatform.dataset.npz;

import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.DatasetReader;

/** The DeepMind Lab episodes of the original TECO, as npz files: a config selects it with {@code dataset: dmlab}. */
@Component(service = DatasetReader.class, property = "teco.name=dmlab")
public final class DmlabDatasetReader extends NpzDatasetComponent {

    public DmlabDatasetReader() {
        super(NpzDatasetSpec.DMLAB);
    }
}
