import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { currentLocale } from './i18n/i18n';

// Only the chart types and components the pages draw, to keep the bundle small.
use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

const drawn: EChartsType[] = [];

/**
 * Draws into a container already in the page. Once ECharts has finished rendering, the container
 * gets `data-drawn` and `data-points` (the data points plotted): what tests and the bench wait for.
 */
export function drawChart(container: HTMLElement, option: ChartOption, points: number): EChartsType {
  const chart = init(container, undefined, { locale: currentLocale() === 'zh-CN' ? 'ZH' : 'EN', renderer: 'canvas' });
  chart.on('finished', () => {
    container.dataset.points = String(points);
    container.dataset.drawn = 'true';
  });
  chart.setOption({ animation: false, tooltip: { trigger: 'axis' }, grid: { left: 48, right: 16, top: 40, bottom: 32 }, ...option });
  drawn.push(chart);
  return chart;
}

/** Before a page is replaced: charts hold listeners and canvases. */
export function disposeCharts(): void {
  for (const chart of drawn.splice(0)) chart.dispose();
}

export function resizeCharts(): void {
  for (const chart of drawn) chart.resize();
}
