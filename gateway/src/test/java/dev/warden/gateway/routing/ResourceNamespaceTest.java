package dev.warden.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.routing.ResourceCatalog.Target;
import dev.warden.gateway.upstream.Upstreams.ResourceInfo;
import dev.warden.gateway.upstream.Upstreams.ResourceTemplateInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

@DisplayName("Resource URIs in the federated list: deterministic and reversible")
class ResourceNamespaceTest {

    private static ResourceInfo resource(String uri) {
        return new ResourceInfo(uri, uri, JsonNodeFactory.instance.objectNode().put("uri", uri));
    }

    private static ResourceTemplateInfo template(String t) {
        return new ResourceTemplateInfo(t, t, JsonNodeFactory.instance.objectNode().put("uriTemplate", t));
    }

    /** docs and wiki both list file:///README.md; wiki alone has a template. */
    private static ResourceCatalog merge(NamespaceMode mode) {
        Map<String, List<ResourceInfo>> resources = new LinkedHashMap<>();
        resources.put("docs", List.of(resource("file:///README.md"), resource("docs://only-here")));
        resources.put("wiki", List.of(resource("file:///README.md")));
        Map<String, List<ResourceTemplateInfo>> templates = new LinkedHashMap<>();
        templates.put("docs", List.of());
        templates.put("wiki", List.of(template("wiki://pages/{page}"), template("wiki://search{?q,limit}")));
        return new ResourceNamespace(mode).merge(resources, templates);
    }

    private static List<String> uris(ResourceCatalog c) {
        return c.resources().stream().map(Routed::exposedName).toList();
    }

    @Test
    void alwaysRewritesEveryUriAndTemplateUnderItsServer() {
        ResourceCatalog c = merge(NamespaceMode.ALWAYS);
        assertThat(uris(c)).containsExactly("warden://docs/file:///README.md", "warden://docs/docs://only-here",
                "warden://wiki/file:///README.md");
        assertThat(c.templates()).extracting(Routed::exposedName)
                .containsExactly("warden://wiki/wiki://pages/{page}", "warden://wiki/wiki://search{?q,limit}");
        assertThat(c.resolve("warden://wiki/file:///README.md")).contains(new Target("wiki", "file:///README.md"));
        // An expansion of a rewritten template routes by its warden:// form.
        assertThat(c.resolve("warden://wiki/wiki://pages/home")).contains(new Target("wiki", "wiki://pages/home"));
        // The upstream's own URI is not a name clients know under "always".
        assertThat(c.resolve("docs://only-here")).isEmpty();
    }

    @Test
    void onCollisionRewritesOnlyTheUrisTwoServersShare() {
        ResourceCatalog c = merge(NamespaceMode.ON_COLLISION);
        assertThat(uris(c)).containsExactly("warden://docs/file:///README.md", "docs://only-here",
                "warden://wiki/file:///README.md");
        assertThat(c.resolve("docs://only-here")).contains(new Target("docs", "docs://only-here"));
        assertThat(c.resolve("file:///README.md")).isEmpty();
        assertThat(c.resolve("wiki://pages/home")).contains(new Target("wiki", "wiki://pages/home"));
        assertThat(c.resolve("wiki://search?q=rego&limit=3")).contains(new Target("wiki", "wiki://search?q=rego&limit=3"));
        assertThat(c.resolve("wiki://pages/a/b")).isEmpty();
    }

    @Test
    void neverKeepsUpstreamUrisAndTheFirstServerWinsACollision() {
        ResourceCatalog c = merge(NamespaceMode.NEVER);
        assertThat(uris(c)).containsExactly("file:///README.md", "docs://only-here");
        assertThat(c.resolve("file:///README.md")).contains(new Target("docs", "file:///README.md"));
    }

    @Test
    void exposedUrisAlwaysResolveBackToTheirServerAndUri() {
        for (NamespaceMode mode : NamespaceMode.values()) {
            ResourceCatalog c = merge(mode);
            for (Target t : List.of(new Target("docs", "docs://only-here"), new Target("wiki", "wiki://pages/x"),
                    new Target("docs", "docs://not-listed"))) {
                assertThat(c.resolve(c.exposed(t.server(), t.uri()))).as(mode + " " + t).contains(t);
            }
        }
    }

    @Test
    void serverNamesOutsideTheUnreservedCharactersArePercentEncoded() {
        String uri = ResourceNamespace.qualified("my server/ü", "x://y");
        assertThat(uri).isEqualTo("warden://my%20server%2F%C3%BC/x://y");
        assertThat(ResourceNamespace.parse(uri)).contains(new Target("my server/ü", "x://y"));
        assertThat(ResourceNamespace.parse("warden://%zz/x")).isEqualTo(Optional.empty());
        assertThat(ResourceNamespace.parse("file:///x")).isEmpty();
    }

    @Test
    void templatesMatchTheirExpansions() {
        assertThat(ResourceCatalog.pattern("test://static/resource/{id}").matcher("test://static/resource/12").matches())
                .isTrue();
        assertThat(ResourceCatalog.pattern("file:///{+path}").matcher("file:///a/b/c.txt").matches()).isTrue();
        assertThat(ResourceCatalog.pattern("x://{a}.json").matcher("x://one.json").matches()).isTrue();
        assertThat(ResourceCatalog.pattern("x://{a}.json").matcher("x://one.txt").matches()).isFalse();
    }
}
