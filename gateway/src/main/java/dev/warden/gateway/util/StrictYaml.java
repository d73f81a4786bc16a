package dev.warden.gateway.util;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The YAML reader for Warden's own files (configuration, server registry, users):
 * a key given twice in one mapping is an error naming it. Jackson's default keeps the last silently, so a second
 * {@code gateway:} section would drop every setting of the first, and a server listed twice would run with
 * whichever entry came last. (Policy data files keep OPA's reading, where the last wins.)
 */
public final class StrictYaml {
    public static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictYaml() {}
}
