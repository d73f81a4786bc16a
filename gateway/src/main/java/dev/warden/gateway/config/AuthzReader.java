package dev.warden.gateway.config;

import dev.warden.gateway.config.WardenConfig.AuthzSettings;
import dev.warden.gateway.config.WardenConfig.AuthzSettings.Engine;
import dev.warden.gateway.config.WardenConfig.SarkSettings;
import java.net.URI;
import java.util.Arrays;
import java.util.Set;

/** Reads and checks the {@code authz:} and {@code sark_api:} sections (documented on {@link AuthzSettings}). */
final class AuthzReader {
    private final Fields authz;
    private final Fields sarkApi;
    private final SarkSettings sark;

    private final java.nio.file.Path workDir;

    AuthzReader(Fields authz, Fields sarkApi, SarkSettings sark, java.nio.file.Path workDir) {
        this.workDir = workDir;
        this.authz = authz;
        this.sarkApi = sarkApi;
        this.sark = sark;
    }

    AuthzSettings read() {
        AuthzSettings d = AuthzSettings.DEFAULTS;
        authz.allowOnly(Set.of("engine", "opa_url", "opa_timeout", "opa_token"));
        sarkApi.allowOnly(Set.of("enabled", "service_role", "api_keys_db", "login", "users_file"));
        String name = authz.string("engine", "embedded");
        Engine engine = Arrays.stream(Engine.values()).filter(e -> e.name().equalsIgnoreCase(name)).findFirst()
                .orElseGet(() -> {
                    authz.problem("engine", "must be one of embedded, sark, opa; got '" + name + "'");
                    return Engine.EMBEDDED;
                });
        String opa = authz.string("opa_url", null);
        URI opaUrl = opa == null ? null : ConfigLoader.httpUri(authz, "opa_url", opa, "authz.opa_url");
        if (engine == Engine.OPA && opa == null) {
            authz.problem("opa_url", "engine 'opa' needs the OPA server's URL, e.g. http://localhost:8181");
        }
        if (engine == Engine.SARK && sark.url() == null) {
            authz.problem("engine", "engine 'sark' needs the SARK service's URL: set SARK_URL or sark.url");
        }
        String role = sarkApi.string("service_role", d.serviceRole());
        return new AuthzSettings(engine, opaUrl, authz.duration("opa_timeout", d.opaTimeout()),
                authz.string("opa_token", null), sarkApi.bool("enabled", d.sarkApiEnabled()), role,
                workDir.resolve(sarkApi.string("api_keys_db", d.apiKeysDb().toString())),
                sarkApi.bool("login", d.loginEnabled()),
                workDir.resolve(sarkApi.string("users_file", d.usersFile().toString())));
    }
}
