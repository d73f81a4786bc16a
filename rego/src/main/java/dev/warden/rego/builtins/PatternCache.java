package dev.warden.rego.builtins;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled RE2/J patterns, shared by all evaluations and bounded (least recently used first out), so that a
 * policy matching against a handful of patterns compiles each once.
 */
final class PatternCache {
    private static final int CAPACITY = 1024;

    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CAPACITY;
        }
    };

    private PatternCache() {}

    /** The compiled pattern; an invalid one fails with Go's "error parsing regexp: ..." as an eval_builtin_error. */
    static Pattern get(String regex) {
        synchronized (CACHE) {
            Pattern p = CACHE.get(regex);
            if (p != null) return p;
        }
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw BuiltinException.error(e.getMessage());
        }
        synchronized (CACHE) {
            CACHE.put(regex, p);
        }
        return p;
    }

    static boolean isValid(String regex) {
        try {
            get(regex);
            return true;
        } catch (BuiltinException e) {
            return false;
        }
    }
}
