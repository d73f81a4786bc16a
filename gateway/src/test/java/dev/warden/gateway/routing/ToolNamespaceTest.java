package dev.warden.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.upstream.Upstreams.ToolInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tool namespacing and list merging")
class ToolNamespaceTest {

    private static List<ToolInfo> tools(String... names) {
        return Arrays.stream(names).map(n -> new ToolInfo(n, "tool " + n, null)).toList();
    }

    private static Map<String, List<ToolInfo>> servers(Object... serverThenTools) {
        Map<String, List<ToolInfo>> m = new LinkedHashMap<>();
        for (int i = 0; i < serverThenTools.length; i += 2) {
            m.put((String) serverThenTools[i], tools((String[]) serverThenTools[i + 1]));
        }
        return m;
    }

    private static List<String> names(ToolCatalog c) { return c.tools().stream().map(RoutedTool::exposedName).toList(); }

    @Test
    void alwaysPrefixesEveryToolWithItsServerAndResolvesBack() {
        ToolCatalog c = new ToolNamespace(NamespaceMode.ALWAYS, "__").merge(servers(
                "postgres-mcp", new String[] {"execute_query", "list_tables"}, "github-mcp", new String[] {"get_repo"}));
        assertThat(names(c)).containsExactly("postgres-mcp__execute_query", "postgres-mcp__list_tables",
                "github-mcp__get_repo");
        RoutedTool t = c.resolve("github-mcp__get_repo").orElseThrow();
        assertThat(t.server()).isEqualTo("github-mcp");
        assertThat(t.tool().name()).isEqualTo("get_repo");
        assertThat(c.resolve("get_repo")).isEmpty();
    }

    @Test
    void onCollisionPrefixesOnlyTheNamesOfferedByMoreThanOneServer() {
        ToolCatalog c = new ToolNamespace(NamespaceMode.ON_COLLISION, "__").merge(servers(
                "a", new String[] {"search", "only_a"}, "b", new String[] {"search", "only_b"}));
        assertThat(names(c)).containsExactly("a__search", "only_a", "b__search", "only_b");
        assertThat(c.resolve("b__search").orElseThrow().server()).isEqualTo("b");
        assertThat(c.resolve("only_b").orElseThrow().server()).isEqualTo("b");
    }

    @Test
    void neverKeepsUpstreamNamesAndTheFirstServerWinsACollision() {
        ToolCatalog c = new ToolNamespace(NamespaceMode.NEVER, "__").merge(servers(
                "a", new String[] {"search"}, "b", new String[] {"search", "fetch"}));
        assertThat(names(c)).containsExactly("search", "fetch");
        assertThat(c.resolve("search").orElseThrow().server()).isEqualTo("a");
    }

    @Test
    void longNamesAreShortenedTo64CharactersWithAStableHashAndStayDistinct() {
        String server = "a-server-with-a-rather-long-name-for-testing";
        String tool1 = "a_tool_whose_name_is_also_quite_long_number_one";
        String tool2 = "a_tool_whose_name_is_also_quite_long_number_two";
        ToolNamespace ns = new ToolNamespace(NamespaceMode.ALWAYS, "__");
        ToolCatalog c = ns.merge(servers(server, new String[] {tool1, tool2}));
        List<String> names = names(c);
        assertThat(names).allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(ToolNames.MAX_LENGTH)
                .matches("[A-Za-z0-9_.-]+"));
        assertThat(names.get(0)).isNotEqualTo(names.get(1)).startsWith(server + "__a_tool");
        assertThat(c.resolve(names.get(1)).orElseThrow().tool().name()).isEqualTo(tool2);
        assertThat(names(ns.merge(servers(server, new String[] {tool1, tool2})))).isEqualTo(names);
    }

    @Test
    void charactersClientsRejectAreReplacedAndTheNameHashed() {
        String name = ToolNames.qualified("my server", "__", "do/it");
        assertThat(name).matches("my_server__do_it_[0-9a-f]{8}");
        assertThat(ToolNames.qualified("my_server", "__", "do_it")).isEqualTo("my_server__do_it");
    }

    @Test
    void namesThatStillCollideAfterPrefixingGetADistinctHashedName() {
        ToolCatalog c = new ToolNamespace(NamespaceMode.ALWAYS, "__").merge(servers(
                "a__b", new String[] {"c"}, "a", new String[] {"b__c"}));
        assertThat(names(c)).hasSize(2).doesNotHaveDuplicates();
        assertThat(c.resolve("a__b__c").orElseThrow().server()).isEqualTo("a__b");
        RoutedTool second = c.tools().get(1);
        assertThat(second.exposedName()).matches("a__b__c_[0-9a-f]{8}");
        assertThat(second.server()).isEqualTo("a");
    }

    @Test
    void modeNamesAreParsedAsWrittenInConfiguration() {
        assertThat(NamespaceMode.parse("on-collision")).contains(NamespaceMode.ON_COLLISION);
        assertThat(NamespaceMode.parse("ALWAYS")).contains(NamespaceMode.ALWAYS);
        assertThat(NamespaceMode.parse("sometimes")).isEmpty();
        assertThatThrownBy(() -> new ToolNamespace(NamespaceMode.ALWAYS, "::"))
                .hasMessageContaining("separator");
    }

    @Test
    void promptsAreNamedByTheSameRulesAndResolveBackToTheirServer() {
        Map<String, List<String>> prompts = new LinkedHashMap<>();
        prompts.put("docs", List.of("summarize", "review"));
        prompts.put("wiki", List.of("summarize"));
        Catalog<String> c = new ToolNamespace(NamespaceMode.ON_COLLISION, "__").merge(prompts, p -> p, "prompt");
        assertThat(c.entries()).extracting(Routed::exposedName)
                .containsExactly("docs__summarize", "review", "wiki__summarize");
        assertThat(c.resolve("wiki__summarize")).hasValueSatisfying(r -> {
            assertThat(r.server()).isEqualTo("wiki");
            assertThat(r.item()).isEqualTo("summarize");
        });
        Catalog<String> never = new ToolNamespace(NamespaceMode.NEVER, "__").merge(prompts, p -> p, "prompt");
        assertThat(never.entries()).extracting(Routed::server).containsExactly("docs", "docs");
    }
}
