import { Box, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { contentToVersions, implicitNextSteps } from '../../../shared/guidance';
import type { ScriptContent } from '../../../shared/protocol/script-authoring';

const NODE_W = 150;
const NODE_H = 40;
const GAP_X = 50;
const GAP_Y = 60;

interface Edge {
  from: string;
  to: string;
  label: string | null;
}

/**
 * The script's branches as a graph: steps in layers by their distance from the first step
 * (breadth-first), branch edges solid with their button label, "continues to the next step"
 * edges dashed. Plain SVG: scripts are tens of steps.
 */
export function BranchGraph({ content, language }: { content: ScriptContent; language: Language }) {
  const { t } = useTranslation();
  const layout = useMemo(() => layoutGraph(content, language), [content, language]);
  const width = Math.max(1, layout.columns) * (NODE_W + GAP_X) + GAP_X;
  const height = layout.rows * (NODE_H + GAP_Y) + GAP_Y;
  const pos = layout.positions;
  return (
    <Stack gap="xs">
      <Text fz="sm" c="dimmed">
        {t('studio.graph.description')}
      </Text>
      <Box style={{ overflow: 'auto' }} data-testid="branch-graph">
        <svg width={width} height={height} role="img" aria-label={t('studio.graph.title')}>
          <defs>
            <marker
              id="koe-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--mantine-color-gray-6)" />
            </marker>
          </defs>
          {layout.edges.map((edge, i) => {
            const a = pos.get(edge.from);
            const b = pos.get(edge.to);
            if (!a || !b) return null;
            const x1 = a.x + NODE_W / 2;
            const y1 = a.y + NODE_H;
            const x2 = b.x + NODE_W / 2;
            const y2 = b.y;
            // An edge back up (a loop) bends around the side.
            const path =
              y2 > y1
                ? `M ${x1} ${y1} C ${x1} ${y1 + GAP_Y / 2}, ${x2} ${y2 - GAP_Y / 2}, ${x2} ${y2}`
                : `M ${a.x + NODE_W} ${a.y + NODE_H / 2} C ${a.x + NODE_W + GAP_X} ${a.y}, ${b.x + NODE_W + GAP_X} ${b.y + NODE_H}, ${b.x + NODE_W} ${b.y + NODE_H / 2}`;
            return (
              <g key={i}>
                <path
                  d={path}
                  fill="none"
                  stroke="var(--mantine-color-gray-6)"
                  strokeWidth={1.5}
                  strokeDasharray={edge.label === null ? '5 4' : undefined}
                  markerEnd="url(#koe-arrow)"
                />
                {edge.label !== null && (
                  // Near the target, where edges fanning out of one step are apart.
                  <text
                    x={x1 + (x2 - x1) * 0.8}
                    y={y2 - 10}
                    textAnchor="middle"
                    fontSize={11}
                    fill="var(--mantine-color-dimmed)"
                    paintOrder="stroke"
                    stroke="var(--mantine-color-body)"
                    strokeWidth={3}
                  >
                    {edge.label.length > 14 ? `${edge.label.slice(0, 13)}…` : edge.label}
                  </text>
                )}
              </g>
            );
          })}
          {[...pos].map(([id, p]) => {
            const step = content.steps.find((s) => s.id === id);
            const end =
              step && step.branches.length === 0 && !layout.edges.some((e) => e.from === id);
            return (
              <g key={id} data-testid={`graph-node-${id}`}>
                <rect
                  x={p.x}
                  y={p.y}
                  width={NODE_W}
                  height={NODE_H}
                  rx={8}
                  fill={
                    p.reachable ? 'var(--mantine-color-body)' : 'var(--mantine-color-red-light)'
                  }
                  stroke={
                    step?.compliance
                      ? 'var(--mantine-color-orange-6)'
                      : 'var(--mantine-color-blue-6)'
                  }
                  strokeWidth={step?.compliance ? 2.5 : 1.5}
                />
                <text
                  x={p.x + 10}
                  y={p.y + 17}
                  fontSize={12}
                  fontWeight={600}
                  fill="var(--mantine-color-text)"
                >
                  {id.length > 18 ? `${id.slice(0, 17)}…` : id}
                </text>
                {end && (
                  <text x={p.x + 10} y={p.y + 32} fontSize={10} fill="var(--mantine-color-dimmed)">
                    {t('studio.graph.end')}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </Box>
    </Stack>
  );
}

function layoutGraph(content: ScriptContent, language: Language) {
  const [version] = contentToVersions('graph', content, {
    version: 1,
    releaseNotes: '',
    publishedAt: new Date(0).toISOString(),
  });
  const implicit = version ? implicitNextSteps(version) : new Map<string, string>();
  const ids = [...new Set(content.steps.map((s) => s.id))];
  const edges: Edge[] = [];
  for (const step of content.steps) {
    for (const b of step.branches) {
      edges.push({ from: step.id, to: b.next, label: b.label[language] ?? b.next });
    }
    const after = implicit.get(step.id);
    if (after !== undefined) edges.push({ from: step.id, to: after, label: null });
  }
  // Layers by breadth-first distance; steps the first never reaches go in a last layer.
  const depth = new Map<string, number>();
  const first = ids[0];
  if (first !== undefined) {
    depth.set(first, 0);
    const queue = [first];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      for (const e of edges) {
        if (e.from === id && ids.includes(e.to) && !depth.has(e.to)) {
          depth.set(e.to, (depth.get(id) ?? 0) + 1);
          queue.push(e.to);
        }
      }
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  const layers: string[][] = [];
  for (const id of ids) {
    const d = depth.get(id) ?? maxDepth + 1;
    (layers[d] ??= []).push(id);
  }
  const positions = new Map<string, { x: number; y: number; reachable: boolean }>();
  const columns = Math.max(1, ...layers.map((l) => l?.length ?? 0));
  layers.forEach((layer, row) => {
    layer?.forEach((id, col) => {
      const offset = ((columns - layer.length) * (NODE_W + GAP_X)) / 2;
      positions.set(id, {
        x: GAP_X + offset + col * (NODE_W + GAP_X),
        y: GAP_Y / 2 + row * (NODE_H + GAP_Y),
        reachable: depth.has(id),
      });
    });
  });
  return { positions, edges, columns, rows: layers.length };
}
