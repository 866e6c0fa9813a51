'use client';
/**
 * <CodeBlock value? language? isCopyable? lineNumbers? overflowHeight? whiteSpace? fontSize?
 *   paddingSize? aria-label?>{string?}</CodeBlock>: EuiCodeBlock.
 * - value: any JS value (pretty-printed as JSON, 2 spaces) or a string; or pass a string child.
 * - language 'json' (default) colours keys #1750BA, strings #A11262, numbers #047471 (dark
 *   #61A2FF / #EE72A6 / #16C5C0) on the highlighted background, Roboto Mono; 'text' = no colours.
 * - isCopyable (default true): a Copy button, "Copied" feedback (announced politely) for 2s.
 * - overflowHeight (px or CSS length) caps the height and scrolls; long lines scroll sideways
 *   (whiteSpace 'pre', default) or wrap ('pre-wrap': long tokens break too, and a wrapped line
 *   continues under its own indentation). The scroll area is keyboard focusable.
 */
import { type ReactNode } from 'react';
import { useCopy } from './use-copy';
import { Button } from './button';
import { cx } from './class-names';
import { toCodeText, tokenizeJsonLine } from './json-tokens';

export interface CodeBlockProps {
  value?: unknown;
  children?: string;
  language?: 'json' | 'text';
  isCopyable?: boolean;
  lineNumbers?: boolean;
  overflowHeight?: number | string;
  whiteSpace?: 'pre' | 'pre-wrap';
  fontSize?: 's' | 'm';
  paddingSize?: 's' | 'm' | 'l';
  'aria-label'?: string;
  className?: string;
  'data-testid'?: string;
}

export { copyText } from './use-copy';

/** Width of a line's indentation in characters, so that its wrapped rest can hang under it. */
export function leadingSpaces(line: string): number {
  return line.length - line.trimStart().length;
}

export function CodeBlock({
  value,
  children,
  language = 'json',
  isCopyable = true,
  lineNumbers,
  overflowHeight,
  whiteSpace = 'pre',
  fontSize = 's',
  paddingSize = 'm',
  'aria-label': ariaLabel = 'Code',
  className,
  'data-testid': testId,
}: CodeBlockProps) {
  const text = toCodeText(children ?? value);
  const lines = text.split('\n');
  const { copyState, copy } = useCopy();
  const onCopy = () => copy(text);

  const renderLine = (line: string): ReactNode =>
    language === 'json'
      ? tokenizeJsonLine(line).map((t, i) =>
          t.kind === 'plain' ? t.text : (
            <span key={i} className={`tok-${t.kind}`}>
              {t.text}
            </span>
          ),
        )
      : line;

  const gutter = `${String(lines.length).length}ch`;
  return (
    <div
      className={cx(
        'pc-code',
        fontSize === 'm' && 'pc-code--m',
        paddingSize !== 'm' && `pc-code--padding-${paddingSize}`,
        whiteSpace === 'pre-wrap' && 'pc-code--wrap',
        lineNumbers && 'pc-code--numbers',
        isCopyable && 'pc-code--copyable',
        className,
      )}
      data-testid={testId}
    >
      <pre
        className="pc-code__pre"
        tabIndex={0}
        aria-label={ariaLabel}
        style={{
          maxHeight: overflowHeight,
          ...(lineNumbers ? { ['--pc-code-gutter' as string]: gutter } : {}),
        }}
      >
        <code className="pc-code__code" data-language={language}>
          {lines.map((line, i) => (
            <span key={i} className="pc-code__line">
              {lineNumbers ? (
                <span className="pc-code__ln" aria-hidden="true">
                  {i + 1}
                </span>
              ) : null}
              <span className="pc-code__text" style={{ ['--pc-code-indent' as string]: `${leadingSpaces(line)}ch` }}>
                {renderLine(line)}
                {i < lines.length - 1 ? '\n' : null}
              </span>
            </span>
          ))}
        </code>
      </pre>
      {isCopyable ? (
        <div className="pc-code__controls">
          <span role="status" aria-live="polite" className={copyState === 'idle' ? 'pc-visually-hidden' : 'pc-code__copied'}>
            {copyState === 'copied' ? 'Copied' : copyState === 'failed' ? 'Copy failed' : ''}
          </span>
          <Button
            display="empty"
            color="text"
            size="xs"
            iconOnly
            iconType={copyState === 'copied' ? 'check' : 'copy'}
            aria-label="Copy"
            title="Copy"
            className="pc-code__copy"
            onClick={onCopy}
          />
        </div>
      ) : null}
    </div>
  );
}
