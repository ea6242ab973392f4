import { Button, Grid, Group, List, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GraphEdge, GraphNode, ProcessGraph } from '../../../api/tthc-admin.ts';

const COLOURS = {
  task: 'var(--mantine-color-sen-0)',
  line: 'var(--mantine-color-gray-7)',
  node: 'var(--mantine-color-sen-7)',
  back: 'var(--mantine-color-lotus-8)',
  denied: 'var(--mantine-color-red-8)',
  text: 'var(--mantine-color-black)',
};
// Line styles differ in pattern as well as colour, so they read the same without colour vision.
const DASH = { conditional: '7 4', back: '2 4' };
const ZOOM_STEPS = [0.25, 0.4, 0.5, 0.65, 0.8, 1, 1.25, 1.5, 2];

type Labelled = { label: string; labelEn?: string };

/** Word-wrapped lines for a box `chars` characters wide; a label too long ends with "…". */
function wrap(text: string, chars: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && (last + ' ' + word).length <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]!.slice(0, chars - 1)}…`];
}

type Point = GraphEdge['points'][number];
const segmentKey = (a: Point, b: Point) => (a.x < b.x || (a.x === b.x && a.y <= b.y) ? `${a.x},${a.y},${b.x},${b.y}` : `${b.x},${b.y},${a.x},${a.y}`);

/** How many edges run along each segment: edges leaving one node share their first stretch. */
function segmentUse(edges: GraphEdge[]): Map<string, number> {
  const use = new Map<string, number>();
  for (const edge of edges) {
    for (let i = 1; i < edge.points.length; i++) {
      const key = segmentKey(edge.points[i - 1]!, edge.points[i]!);
      use.set(key, (use.get(key) ?? 0) + 1);
    }
  }
  return use;
}

interface Anchor {
  x: number;
  y: number;
  /** Where the chosen segment starts and ends along the edge's direction (x only; equal when vertical). */
  from: number;
  to: number;
  touchesSource: boolean;
  touchesTarget: boolean;
}

/**
 * Where an edge's label goes: its longest segment of its own (edges leaving one task share their
 * first stretch, and "Phê duyệt" and "Từ chối" must not land on it), horizontal if it has one,
 * because the text is horizontal.
 */
function labelAnchor(points: Point[], use: Map<string, number>): Anchor {
  const first = points[0] ?? { x: 0, y: 0 };
  let best: Anchor & { score: number } = { x: first.x, y: first.y, from: first.x, to: first.x, touchesSource: true, touchesTarget: true, score: -1 };
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const own = (use.get(segmentKey(a, b)) ?? 1) === 1;
    const score = Math.abs(b.x - a.x) + Math.abs(b.y - a.y) + (own ? 1e6 : 0) + (a.y === b.y ? 1e3 : 0);
    if (score > best.score) {
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, from: a.x, to: b.x, touchesSource: i === 1, touchesTarget: i === points.length - 1, score };
    }
  }
  return best;
}

/** The left edge of a label box `width` wide: centred, unless that would cover the node at an end. */
function labelLeft(anchor: Anchor, width: number): number {
  const length = Math.abs(anchor.to - anchor.from);
  const direction = anchor.to >= anchor.from ? 1 : -1;
  if (length === 0 || width <= length - 12) return anchor.x - width / 2;
  // Too long for its segment: run back from the arrowhead, or forward from the source, over free space.
  if (anchor.touchesTarget) return direction > 0 ? anchor.to - 12 - width : anchor.to + 12;
  if (anchor.touchesSource) return direction > 0 ? anchor.from + 4 : anchor.from - 4 - width;
  return anchor.x - width / 2;
}

/** A process version drawn from its laid-out graph, with the same content as a text outline beside it. */
export function ProcessGraphView({ graph, title }: { graph: ProcessGraph; title: string }) {
  const { t, i18n } = useTranslation();
  const id = useId().replace(/:/g, '');
  const { ref, width } = useElementSize();
  // Natural size first, in a container that scrolls: shrunk to fit, a long process is unreadable.
  const [zoom, setZoom] = useState<number | 'fit'>(1);
  const fit = width > 0 ? Math.min(1, (width - 4) / graph.width) : 1;
  const scale = zoom === 'fit' ? fit : zoom;
  const use = useMemo(() => segmentUse(graph.edges), [graph]);
  const text = (item: Labelled) => (i18n.language === 'en' && item.labelEn) || item.label;
  const nodeName = (node: GraphNode) => text(node) || t(`tthcAdmin.graph.kind.${node.kind}`);
  const step = (by: 1 | -1) => {
    const next = by > 0 ? ZOOM_STEPS.find((z) => z > scale + 0.001) : [...ZOOM_STEPS].reverse().find((z) => z < scale - 0.001);
    setZoom(next ?? scale);
  };

  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Group gap={4} mb={4} role="toolbar" aria-label={t('tthcAdmin.graph.zoom')}>
          <Button size="compact-sm" variant="default" onClick={() => step(-1)} aria-label={t('tthcAdmin.graph.zoomOut')}>
            −
          </Button>
          <Button size="compact-sm" variant="default" onClick={() => step(1)} aria-label={t('tthcAdmin.graph.zoomIn')}>
            +
          </Button>
          <Button size="compact-sm" variant={zoom === 'fit' ? 'light' : 'default'} onClick={() => setZoom('fit')} aria-pressed={zoom === 'fit'}>
            {t('tthcAdmin.graph.fit')}
          </Button>
          <Button size="compact-sm" variant={zoom === 1 ? 'light' : 'default'} onClick={() => setZoom(1)} aria-pressed={zoom === 1}>
            100%
          </Button>
          <Text size="xs" c="dimmed" aria-live="polite">
            {Math.round(scale * 100)}%
          </Text>
        </Group>
        <div ref={ref} role="region" tabIndex={0} aria-label={title} data-testid="process-diagram" style={{ overflow: 'auto', maxHeight: 560, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
          <svg width={graph.width * scale} height={graph.height * scale} viewBox={`0 0 ${graph.width} ${graph.height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} style={{ display: 'block' }}>
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{t('tthcAdmin.graph.desc')}</desc>
            <defs>
              {(['line', 'back'] as const).map((kind) => (
                <marker key={kind} id={`${id}-${kind}`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                  <path d="M0,0 L10,5 L0,10 z" fill={COLOURS[kind]} />
                </marker>
              ))}
            </defs>
            {graph.edges.map((edge) => (
              <EdgeShape key={edge.id} edge={edge} label={text(edge)} anchor={labelAnchor(edge.points, use)} marker={`url(#${id}-${edge.back ? 'back' : 'line'})`} />
            ))}
            {graph.nodes.map((node) => (
              <NodeShape key={node.id} node={node} label={nodeName(node)} />
            ))}
          </svg>
        </div>
        <Group gap="lg" mt={4} aria-hidden>
          <Legend dash={undefined} colour={COLOURS.line} text={t('tthcAdmin.graph.legendNormal')} />
          <Legend dash={DASH.conditional} colour={COLOURS.line} text={t('tthcAdmin.graph.legendConditional')} />
          <Legend dash={DASH.back} colour={COLOURS.back} text={t('tthcAdmin.graph.legendBack')} />
        </Group>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <ProcessOutline graph={graph} nodeName={nodeName} edgeText={text} />
      </Grid.Col>
    </Grid>
  );
}

function NodeShape({ node, label }: { node: GraphNode; label: string }) {
  const cx = node.x + node.width / 2;
  const cy = node.y + node.height / 2;
  if (node.kind === 'task') {
    const lines = wrap(label, 19, 3);
    return (
      <g>
        <title>{label}</title>
        <rect x={node.x} y={node.y} width={node.width} height={node.height} rx={8} fill={COLOURS.task} stroke={COLOURS.node} strokeWidth={1.5} />
        <text x={cx} y={cy - ((lines.length - 1) * 14) / 2} textAnchor="middle" dominantBaseline="middle" fontSize={12} fill={COLOURS.text}>
          {lines.map((line, i) => (
            <tspan key={i} x={cx} dy={i === 0 ? 0 : 14}>
              {line}
            </tspan>
          ))}
        </text>
      </g>
    );
  }
  const r = node.width / 2;
  const lines = wrap(label, 22, 2);
  const caption = (
    <text x={cx} y={node.y + node.height + 14} textAnchor="middle" fontSize={11} fill={COLOURS.text}>
      {lines.map((line, i) => (
        <tspan key={i} x={cx} dy={i === 0 ? 0 : 13}>
          {line}
        </tspan>
      ))}
    </text>
  );
  if (node.kind === 'fork' || node.kind === 'join') {
    // A BPMN parallel gateway: a diamond with a plus.
    return (
      <g>
        <title>{label}</title>
        <path d={`M${cx},${node.y} L${node.x + node.width},${cy} L${cx},${node.y + node.height} L${node.x},${cy} Z`} fill="white" stroke={COLOURS.line} strokeWidth={1.5} />
        <path d={`M${cx - 9},${cy} h18 M${cx},${cy - 9} v18`} stroke={COLOURS.line} strokeWidth={3} />
        {caption}
      </g>
    );
  }
  // Start: thin circle; end: thick circle (BPMN), red when the dossier is denied.
  const denied = node.id === 'End_denied';
  return (
    <g>
      <title>{label}</title>
      <circle cx={cx} cy={cy} r={r - 2} fill="white" stroke={denied ? COLOURS.denied : COLOURS.node} strokeWidth={node.kind === 'end' ? 4 : 1.5} />
      {caption}
    </g>
  );
}

function EdgeShape({ edge, label, anchor, marker }: { edge: GraphEdge; label: string; anchor: Anchor; marker: string }) {
  const points = edge.points.map((p) => `${p.x},${p.y}`).join(' ');
  const width = label.length * 6.2 + 8;
  const left = labelLeft(anchor, width);
  return (
    <g>
      <polyline
        points={points}
        fill="none"
        stroke={edge.back ? COLOURS.back : COLOURS.line}
        strokeWidth={edge.back ? 1.8 : 1.4}
        strokeDasharray={edge.back ? DASH.back : edge.conditional ? DASH.conditional : undefined}
        strokeLinecap="round"
        markerEnd={marker}
      />
      {label && (
        <g>
          <rect x={left} y={anchor.y - 17} width={width} height={14} rx={3} fill="white" opacity={0.9} />
          <text x={left + width / 2} y={anchor.y - 6} textAnchor="middle" fontSize={11} fill={edge.back ? COLOURS.back : COLOURS.text}>
            {label}
          </text>
        </g>
      )}
    </g>
  );
}

function Legend({ dash, colour, text }: { dash: string | undefined; colour: string; text: string }) {
  return (
    <Group gap={6}>
      <svg width={36} height={8}>
        <line x1={0} y1={4} x2={36} y2={4} stroke={colour} strokeWidth={2} strokeDasharray={dash} />
      </svg>
      <Text size="xs">{text}</Text>
    </Group>
  );
}

/** The diagram as text, for screen readers and for reading without zooming: each node and its way out. */
function ProcessOutline({ graph, nodeName, edgeText }: { graph: ProcessGraph; nodeName: (n: GraphNode) => string; edgeText: (e: GraphEdge) => string }) {
  const { t } = useTranslation();
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const ordered = [...graph.nodes].sort((a, b) => a.layer - b.layer || a.y - b.y);
  return (
    <section aria-label={t('tthcAdmin.graph.outline')}>
      <Title order={3} size="h5" mb="xs">
        {t('tthcAdmin.graph.outline')}
      </Title>
      <List type="ordered" size="sm" spacing={6}>
        {ordered.map((node) => {
          const out = graph.edges.filter((e) => e.from === node.id);
          return (
            <List.Item key={node.id}>
              <Text span size="sm" fw={600}>
                {nodeName(node)}
              </Text>{' '}
              <Text span size="xs" c="dimmed">
                ({t(`tthcAdmin.graph.kind.${node.kind}`)})
              </Text>
              {out.length > 0 && (
                <List size="sm" withPadding listStyleType="disc">
                  {out.map((edge) => {
                    const target = byId.get(edge.to);
                    const notes = [edge.conditional && t('tthcAdmin.graph.conditional'), edge.back && t('tthcAdmin.graph.back')].filter(Boolean).join(', ');
                    return (
                      <List.Item key={edge.id}>
                        {edgeText(edge) ? `${edgeText(edge)} → ` : '→ '}
                        {target ? nodeName(target) : edge.to}
                        {notes && ` (${notes})`}
                      </List.Item>
                    );
                  })}
                </List>
              )}
            </List.Item>
          );
        })}
      </List>
    </section>
  );
}
