// Chart.js with only what the reports draw: bar charts (grouped, either way
// round) with a legend and tooltips. Loaded on demand (BarChart.svelte
// imports this module dynamically), so pages without a chart do not download
// it. Chart.js sets the canvas's size through the CSSOM, which the
// Content-Security-Policy (style-src 'self') allows.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || 'system-ui, sans-serif';
Chart.defaults.font.size = 13;
// The site's muted text colour: 7:1 on white.
Chart.defaults.color = '#4a5360';
Chart.defaults.borderColor = '#c9d1dc';
// Figures, not a show: no animation (and nothing moves for those who asked for less motion).
Chart.defaults.animation = false;

export { Chart };

/**
 * Bar colours, each at least 4.5:1 against white (so a bar is seen as well as
 * text is read) and told apart from its neighbours by hue and lightness.
 */
export const PALETTE = ['#1257a0', '#b54708', '#1a7f37', '#7c3aed', '#0e7490', '#be185d', '#4a5360', '#854d0e'] as const;
