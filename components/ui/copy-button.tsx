'use client';
/**
 * <CopyButton text aria-label />: an icon-only Copy button for one value shown on its own (e.g. an
 * id next to a title). The icon turns into a check for 2s and "Copied" is announced politely.
 */
import { Button } from './button';
import { useCopy } from './use-copy';

export function CopyButton({ text, 'aria-label': ariaLabel, 'data-testid': testId }: { text: string; 'aria-label': string; 'data-testid'?: string }) {
  const { copyState: state, copy } = useCopy();
  const onCopy = () => copy(text);

  return (
    <>
      <Button
        display="empty"
        color="text"
        size="xs"
        iconOnly
        iconType={state === 'copied' ? 'check' : 'copy'}
        aria-label={ariaLabel}
        title={ariaLabel}
        onClick={onCopy}
        data-testid={testId}
      />
      <span role="status" className="pc-visually-hidden">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </>
  );
}
