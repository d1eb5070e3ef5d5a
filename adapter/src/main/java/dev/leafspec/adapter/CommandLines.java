package dev.leafspec.adapter;

import java.util.ArrayList;
import java.util.List;

/** Splits an adapter command line into words, as a POSIX shell would for the simple cases. */
public final class CommandLines {
    private CommandLines() {
    }

    /**
     * Splits at unquoted whitespace; 'single quotes' keep everything literally, "double quotes" keep whitespace
     * and honour backslash before " and \, a backslash outside quotes escapes the next character.
     * No variables, globs or redirections: the words go to the program as they are.
     *
     * @throws IllegalArgumentException on an unterminated quote or an empty command
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unterminated ' in adapter command: " + line);
                w.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && (line.charAt(j + 1) == '"' || line.charAt(j + 1) == '\\')) {
                        d = line.charAt(++j);
                    }
                    w.append(d);
                }
                if (j >= line.length()) throw new IllegalArgumentException("unterminated \" in adapter command: " + line);
                i = j;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(w.toString());
        if (words.isEmpty()) throw new IllegalArgumentException("the adapter command is empty");
        return words;
    }
}
