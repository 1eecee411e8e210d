package org.osogateway.status;

import static org.osogateway.status.Html.esc;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToLongFunction;

/** A server-rendered SVG line chart of accepted and delivered messages per minute; no script, no library. */
final class FlowChart {
    static final int WIDTH = 760;
    static final int HEIGHT = 220;
    private static final int LEFT = 48;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private FlowChart() {
    }

    /** The chart of {@code minutes} (oldest first); an empty list renders an empty frame. */
    static String svg(List<MinuteCount> minutes) {
        long max = Math.max(1, minutes.stream().mapToLong(m -> Math.max(m.accepted(), m.delivered())).max().orElse(0));
        long top = niceCeiling(max);
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-title\">Accepted and delivered per "
                        + "minute, last ").append(minutes.size()).append(" minutes (UTC)</title>");
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        // horizontal grid: 0, half and the top of the scale
        for (long v : new long[] {0, top / 2, top}) {
            double y = TOP + plotH - (double) v / top * plotH;
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(y))
                    .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#ddd\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\">").append(v).append("</text>");
        }
        // a time label every 30 minutes (every 10 on a short chart)
        int every = minutes.size() > 90 ? 30 : 10;
        for (int i = 0; i < minutes.size(); i++) {
            if (minutes.get(i).minute().atOffset(ZoneOffset.UTC).getMinute() % every == 0) {
                double x = x(i, minutes.size(), plotW);
                b.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(HEIGHT - 8)
                        .append("\" text-anchor=\"middle\" font-size=\"11\">")
                        .append(esc(HOUR_MINUTE.format(minutes.get(i).minute()))).append("</text>");
            }
        }
        b.append(line(minutes, MinuteCount::accepted, top, plotW, plotH, "#1f6fb2", "accepted"));
        b.append(line(minutes, MinuteCount::delivered, top, plotW, plotH, "#2e8b57", "delivered"));
        b.append("</svg>");
        return b.toString();
    }

    private static String line(List<MinuteCount> minutes, ToLongFunction<MinuteCount> value, long top, int plotW,
                               int plotH, String colour, String name) {
        StringBuilder points = new StringBuilder(minutes.size() * 12);
        for (int i = 0; i < minutes.size(); i++) {
            double y = TOP + plotH - (double) value.applyAsLong(minutes.get(i)) / top * plotH;
            points.append(fmt(x(i, minutes.size(), plotW))).append(',').append(fmt(y)).append(' ');
        }
        return "<polyline class=\"" + name + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\""
                + points.toString().trim() + "\"/>";
    }

    private static double x(int i, int n, int plotW) {
        return LEFT + (n <= 1 ? 0 : (double) i / (n - 1) * plotW);
    }

    /** The smallest of 1, 2, 5 × 10ⁿ that is at least {@code max}. */
    static long niceCeiling(long max) {
        long step = 1;
        while (true) {
            for (long f : new long[] {1, 2, 5}) {
                if (f * step >= max) {
                    return f * step;
                }
            }
            step *= 10;
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
