package dev.warden.rego.parser;

import dev.warden.rego.RegoError;
import dev.warden.rego.RegoException;
import dev.warden.rego.ast.Annotation;
import dev.warden.rego.ast.Module;
import dev.warden.rego.ast.Rule;
import dev.warden.rego.ast.Term;
import dev.warden.rego.lexer.Comment;
import dev.warden.rego.lexer.Token;
import dev.warden.rego.lexer.TokenKind;
import dev.warden.rego.source.Location;
import dev.warden.rego.source.Source;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.StringValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A module: its package, imports and rules. A statement that fails to parse is reported and skipped up to the
 * next line that starts in the first column, so one file can report several errors.
 */
final class ModuleParser extends RuleParser {
    private static final Set<String> ROOTS = Set.of("data", "input", "future", "rego");

    private final List<RegoError> errors = new ArrayList<>();
    private final List<Comment> comments;
    /** What each statement is and the line it starts on, in source order: METADATA attaches to the next one. */
    private final List<Statement> statements = new ArrayList<>();
    private boolean importsRegoV1;

    private record Statement(String kind, int line, int ruleIndex) {}

    ModuleParser(Source source, List<Token> tokens, List<Comment> comments, boolean v0) {
        super(source, tokens, v0);
        this.comments = comments;
    }

    Module parseModule() {
        Term.Ref pkg = null;
        List<Module.Import> imports = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        boolean first = true;
        while (!at(TokenKind.EOF)) {
            int startPos = pos;
            hint = null;
            try {
                if (atKeyword("package")) {
                    Location at = tokLoc(tok()).withLength(0);
                    Term.Ref path = parsePackage();
                    statements.add(new Statement("package", at.line(), -1));
                    if (first) {
                        pkg = path;
                    } else {
                        errors.add(new RegoError("rego_parse_error", "unexpected package", at));
                    }
                } else {
                    if (first) errors.add(new RegoError("rego_parse_error", "package expected", tokLoc(tok()).withLength(0)));
                    if (atKeyword("import")) {
                        Module.Import imp = parseImport();
                        statements.add(new Statement("import", imp.location().line(), -1));
                        imports.add(imp);
                    } else {
                        for (Rule r : parseRules()) {
                            statements.add(new Statement("rule", r.location().line(), rules.size()));
                            rules.add(r);
                        }
                    }
                }
            } catch (ParseFailure f) {
                errors.add(f.error());
                recover(startPos);
            }
            first = false;
        }
        if (first) errors.add(new RegoError("rego_parse_error", "empty module", source.locationAt(0)));
        if (!v0 || importsRegoV1) errors.addAll(v1Errors());
        List<Annotation> annotations = errors.isEmpty() ? annotate(rules) : List.of();
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt((RegoError e) -> e.location().offset()));
            throw new RegoException(errors);
        }
        return new Module(source, pkg, imports, rules, v0, loc(0, source.text().length()), annotations);
    }

    /**
     * Reads the METADATA blocks, each applying to the statement after it, and gives each rule its annotations
     * as OPA does: the rule-scoped block before it (used once) and the document-scoped blocks for its path.
     */
    private List<Annotation> annotate(List<Rule> rules) {
        List<AnnotationParser.Block> blocks = AnnotationParser.blocks(source, comments);
        if (blocks.isEmpty()) return List.of();
        List<Annotation> all = new ArrayList<>();
        List<Object[]> byPath = new ArrayList<>(); // {annotation, ground path of the rule it precedes}
        for (AnnotationParser.Block block : blocks) {
            Statement next = statements.stream().filter(s -> s.line() > block.location().line()).findFirst().orElse(null);
            try {
                Annotation a = AnnotationParser.interpret(block, next == null ? null : next.kind());
                all.add(a);
                if (next != null && next.ruleIndex() >= 0) byPath.add(new Object[] {a, groundPath(rules.get(next.ruleIndex()))});
            } catch (RegoException e) {
                errors.addAll(e.errors());
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            String path = groundPath(rule);
            List<Annotation> mine = new ArrayList<>();
            int used = -1;
            for (int k = 0; k < byPath.size(); k++) {
                Annotation a = (Annotation) byPath.get(k)[0];
                if (!path.equals(byPath.get(k)[1])) continue;
                if (a.scope().equals("document")) {
                    mine.add(a);
                } else if (a.scope().equals("rule") && rule.location().line() > a.location().line()) {
                    mine.add(a);
                    used = k;
                }
            }
            if (used >= 0) byPath.remove(used);
            if (!mine.isEmpty()) rules.set(i, rule.withAnnotations(mine));
        }
        return all;
    }

    /** The rule's ref up to its first non-scalar element, as text: rules sharing it define the same document. */
    private static String groundPath(Rule rule) {
        StringBuilder sb = new StringBuilder(String.valueOf(rule.head().ref().headName()));
        for (Term t : rule.head().ref().path()) {
            if (!(t instanceof Term.Scalar s)) break;
            sb.append('[').append(Json.write(s.value())).append(']');
        }
        return sb.toString();
    }

    /**
     * Skips to the next statement: a token at the start of a line, other than a closing bracket or {@code else}
     * (which continue the broken statement).
     */
    private void recover(int startPos) {
        if (pos == startPos) next();
        while (!at(TokenKind.EOF)) {
            Token t = tok();
            boolean lineStart = t.start() == 0 || source.text().charAt(t.start() - 1) == '\n';
            boolean continues = t.is(TokenKind.RBRACE) || t.is(TokenKind.RBRACK) || t.is(TokenKind.RPAREN)
                    || t.isWord("else");
            if (lineStart && !continues) return;
            next();
        }
    }

    /** {@code package a.b} or {@code package a["b-c"]}: the path rooted at {@code data}. */
    private Term.Ref parsePackage() {
        int start = next().start();
        if (!at(TokenKind.IDENT)) throw unexpected(null);
        Term path = parsePath();
        List<Term> elements = new ArrayList<>();
        Term.Var head;
        if (path instanceof Term.Ref r) {
            head = (Term.Var) r.head();
            elements.addAll(r.path());
        } else {
            head = (Term.Var) path;
        }
        for (Term t : elements) {
            if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue)) {
                throw failAt(t.location(), "unexpected " + Terms.valueName(t) + " token: expecting string");
            }
        }
        elements.add(0, new Term.Scalar(StringValue.of(head.name()), head.location()));
        Term.Var data = new Term.Var("data", head.location());
        return new Term.Ref(data, elements, loc(start, prevEnd()));
    }

    /** A dotted name whose first word may be a keyword ({@code package foo.as.bar}, {@code import future.keywords.in}). */
    private Term parsePath() {
        Token first = next();
        Term.Var head = new Term.Var(first.value(), tokLoc(first));
        Token t = tok();
        if (!t.spaceBefore() && (t.is(TokenKind.DOT) || t.is(TokenKind.LBRACK))) return parseRef(head, first.start());
        return head;
    }

    private Module.Import parseImport() {
        int start = next().start();
        if (!at(TokenKind.IDENT)) throw unexpected(null);
        Term path = parsePath();
        Term.Ref ref = switch (path) {
            case Term.Ref r -> r;
            case Term.Var v -> new Term.Ref(v, List.of(), v.location());
            default -> throw failAt(path.location(), "unexpected import path");
        };
        for (Term t : ref.path()) {
            if (!(t instanceof Term.Scalar s && s.value() instanceof StringValue)) {
                throw failAt(t.location(), "unexpected " + Terms.valueName(t) + " token: expecting string");
            }
        }
        String root = ref.headName();
        if (!ROOTS.contains(root)) {
            throw failAt(ref.location(), "unexpected import path, must begin with one of: {data, future, input, rego}, got: "
                    + root);
        }
        String alias = null;
        if (atKeyword("as")) {
            next();
            if (!at(TokenKind.IDENT) || isKeyword(tok().value())) throw unexpected("expected var");
            alias = next().value();
        }
        Module.Import imp = new Module.Import(ref, alias, loc(start, prevEnd()));
        switch (root) {
            case "future" -> futureImport(ref, alias);
            case "rego" -> regoImport(ref, alias);
            default -> {
                if (alias == null && !ref.path().isEmpty()) {
                    String last = ((StringValue) ((Term.Scalar) ref.path().getLast()).value()).value();
                    if (BASE_KEYWORDS.contains(last) || !v0 && FUTURE_KEYWORDS.contains(last)) {
                        throw failAt(ref.path().getLast().location(),
                                "unexpected import path, must not end with a keyword, got: " + last);
                    }
                }
            }
        }
        return imp;
    }

    private void futureImport(Term.Ref ref, String alias) {
        List<Term> path = ref.path();
        if (path.isEmpty() || !"keywords".equals(stringAt(path, 0))) {
            throw failAt(ref.location(), "invalid import, must be `future.keywords`");
        }
        if (alias != null) throw failAt(ref.location(), "`future` imports cannot be aliased");
        if (path.size() == 1) {
            keywords.addAll(FUTURE_KEYWORDS);
            return;
        }
        String kw = stringAt(path, 1);
        if (path.size() > 2 || !FUTURE_KEYWORDS.contains(kw)) {
            throw failAt(ref.location(), "unexpected keyword, must be one of [contains every if in]");
        }
        keywords.add(kw);
        if (kw.equals("every")) keywords.add("in");
    }

    private void regoImport(Term.Ref ref, String alias) {
        if (ref.path().size() != 1 || !"v1".equals(stringAt(ref.path(), 0))) {
            throw failAt(ref.location(), "invalid import `" + ref.location().text() + "`, must be `rego.v1`");
        }
        if (!v0) return;
        if (alias != null) throw failAt(ref.location(), "`rego` imports cannot be aliased");
        keywords.addAll(FUTURE_KEYWORDS);
        importsRegoV1 = true;
    }

    private static String stringAt(List<Term> path, int i) {
        return path.get(i) instanceof Term.Scalar s && s.value() instanceof StringValue str ? str.value() : null;
    }
}
