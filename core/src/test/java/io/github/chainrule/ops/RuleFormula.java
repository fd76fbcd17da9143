package io.github.chainrule.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Reads an op's machine-readable derivative ({@link OpDef#rule()}, e.g. {@code da = g*b; db = g*a}) and
 * evaluates it at one element's values.
 *
 * <p>A recursive-descent parser over the small grammar OpDef documents: sums of products of powers of
 * numbers, names, calls of a few functions, parentheses and Iverson brackets {@code [p > q]}. Parse errors
 * name the rule and the position, so a mistyped rule fails its test with a message, not a wrong number.
 */
final class RuleFormula {
    /** A parsed expression, evaluated with the values of its names. */
    @FunctionalInterface
    interface Expr extends ToDoubleFunction<Map<String, Double>> {
    }

    private final String text;
    private int pos;

    private RuleFormula(String text) {
        this.text = text;
    }

    /**
     * Parses a rule into its assignments, in order: the name assigned (e.g. {@code da}) to its expression.
     *
     * @throws IllegalArgumentException naming the rule and the position of a syntax error
     */
    static Map<String, Expr> parse(String rule) {
        RuleFormula p = new RuleFormula(rule);
        Map<String, Expr> out = new LinkedHashMap<>();
        do {
            String target = p.name();
            p.expect('=');
            if (out.put(target, p.sum()) != null) {
                throw p.error(target + " is assigned twice");
            }
        } while (p.accept(';'));
        p.skipSpaces();
        if (p.pos != rule.length()) {
            throw p.error("unexpected '" + rule.charAt(p.pos) + "'");
        }
        return out;
    }

    private Expr sum() {
        Expr left = product();
        while (true) {
            if (accept('+')) {
                Expr l = left, r = product();
                left = env -> l.applyAsDouble(env) + r.applyAsDouble(env);
            } else if (accept('-')) {
                Expr l = left, r = product();
                left = env -> l.applyAsDouble(env) - r.applyAsDouble(env);
            } else {
                return left;
            }
        }
    }

    private Expr product() {
        Expr left = signed();
        while (true) {
            if (accept('*')) {
                Expr l = left, r = signed();
                left = env -> l.applyAsDouble(env) * r.applyAsDouble(env);
            } else if (accept('/')) {
                Expr l = left, r = signed();
                left = env -> l.applyAsDouble(env) / r.applyAsDouble(env);
            } else {
                return left;
            }
        }
    }

    /** A leading minus binds looser than ^, as in mathematics: −x^2 = −(x²). */
    private Expr signed() {
        if (accept('-')) {
            Expr e = signed();
            return env -> -e.applyAsDouble(env);
        }
        return power();
    }

    private Expr power() {
        Expr base = atom();
        if (accept('^')) {
            Expr exponent = signed();   // right-associative: a^b^c = a^(b^c)
            return env -> Math.pow(base.applyAsDouble(env), exponent.applyAsDouble(env));
        }
        return base;
    }

    private Expr atom() {
        skipSpaces();
        if (accept('(')) {
            Expr e = sum();
            expect(')');
            return e;
        }
        if (accept('[')) {
            return iverson();
        }
        if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            double v = Double.parseDouble(text.substring(start, pos));
            return env -> v;
        }
        String name = name();
        if (accept('(')) {
            Expr arg = sum();
            expect(')');
            return call(name, arg);
        }
        return env -> {
            Double v = env.get(name);
            if (v == null) {
                throw new IllegalArgumentException("rule '" + text + "': no value for the name " + name + " (have " + env.keySet() + ")");
            }
            return v;
        };
    }

    /** [p op q]: 1 where the comparison holds, else 0 (Iverson's bracket). */
    private Expr iverson() {
        Expr l = sum();
        skipSpaces();
        String op = text.startsWith(">=", pos) || text.startsWith("<=", pos) || text.startsWith("==", pos)
                ? text.substring(pos, pos + 2) : pos < text.length() ? text.substring(pos, pos + 1) : "";
        if (!op.equals(">=") && !op.equals("<=") && !op.equals("==") && !op.equals(">") && !op.equals("<")) {
            throw error("expected a comparison (>, <, >=, <=, ==) inside [ ]");
        }
        pos += op.length();
        Expr r = sum();
        expect(']');
        return env -> {
            double a = l.applyAsDouble(env);
            double b = r.applyAsDouble(env);
            boolean holds = switch (op) {
                case ">=" -> a >= b;
                case "<=" -> a <= b;
                case "==" -> a == b;
                case ">" -> a > b;
                default -> a < b;
            };
            return holds ? 1 : 0;
        };
    }

    private Expr call(String function, Expr arg) {
        return switch (function) {
            case "exp" -> env -> Math.exp(arg.applyAsDouble(env));
            case "ln" -> env -> Math.log(arg.applyAsDouble(env));
            case "sqrt" -> env -> Math.sqrt(arg.applyAsDouble(env));
            case "tanh" -> env -> Math.tanh(arg.applyAsDouble(env));
            case "sigmoid" -> env -> 1 / (1 + Math.exp(-arg.applyAsDouble(env)));
            case "sign" -> env -> Math.signum(arg.applyAsDouble(env));
            case "abs" -> env -> Math.abs(arg.applyAsDouble(env));
            default -> throw error("unknown function " + function);
        };
    }

    private String name() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a name");
        }
        return text.substring(start, pos);
    }

    private boolean accept(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("rule '" + text + "' at position " + pos + ": " + what);
    }
}
