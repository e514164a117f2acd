import { Box, Text, Tooltip } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScriptLine, ScriptSegment } from '../../../shared/guidance';

/**
 * Rendered step text. Every segment is a React text node (never HTML): a script that contains
 * `<img onerror=…>` shows those characters, inertly. A variable without data for this customer
 * is a visible placeholder the agent cannot mistake for a fact.
 */
export function ScriptText({ lines, size = 'md' }: { lines: ScriptLine[]; size?: 'sm' | 'md' }) {
  return (
    <Box className="koe-script-text" fz={size}>
      {lines.map((line, index) => {
        if (line.kind === 'blank') return <Box key={index} h={8} />;
        const body = line.segments.map((segment, i) => <Segment key={i} segment={segment} />);
        return line.kind === 'bullet' ? (
          <Text key={index} component="div" fz={size} className="koe-script-bullet">
            {body}
          </Text>
        ) : (
          <Text key={index} component="p" fz={size} m={0} lh={1.7}>
            {body}
          </Text>
        );
      })}
    </Box>
  );
}

function Segment({ segment }: { segment: ScriptSegment }) {
  const { t } = useTranslation();
  let content: ReactNode;
  if (segment.kind === 'text') {
    content = segment.text;
  } else if (segment.kind === 'variable') {
    content = (
      <Text
        span
        inherit
        className="koe-script-variable"
        data-variable={segment.name}
        data-testid="script-variable"
      >
        {segment.text}
      </Text>
    );
  } else {
    content = (
      <Tooltip label={t('guidance.missingTooltip', { name: segment.name })} withArrow>
        <Text
          span
          inherit
          className="koe-script-missing"
          data-variable={segment.name}
          data-testid="script-missing"
        >
          {t('guidance.missing', { name: segment.name })}
        </Text>
      </Tooltip>
    );
  }
  return segment.bold ? <strong>{content}</strong> : <Fragment>{content}</Fragment>;
}
