package org.tecoplatform.stage.report;

/**
 * Escaping for text and attribute values placed in the report. Only the five XML entities are
 * used, so the page (and every chart in it) is also well-formed XML.
 */
final class Html {

    private Html() {
    }

    /** {@code s} safe as element text or as a double- or single-quoted attribute value; null is "". */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // Control characters other than tab and newlines are not allowed in XML 1.0.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
