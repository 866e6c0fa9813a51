/**
 * <DescribedFormGroup title description>{form rows}</DescribedFormGroup>: EuiDescribedFormGroup,
 * a <section> with an h2 title and a subdued description on the left and the form rows on the
 * right (stacked below 768px). Kibana's user form uses three: Profile, Password, Privileges.
 */
import { useId, type ReactNode } from 'react';

export interface DescribedFormGroupProps {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  'data-testid'?: string;
}

export function DescribedFormGroup({ title, description, children, 'data-testid': testId }: DescribedFormGroupProps) {
  const titleId = useId();
  return (
    <section className="pc-described" aria-labelledby={titleId} data-testid={testId}>
      <div className="pc-described__text">
        <h2 id={titleId} className="pc-title pc-title--xs">
          {title}
        </h2>
        {description ? <div className="pc-described__description">{description}</div> : null}
      </div>
      <div className="pc-described__fields">{children}</div>
    </section>
  );
}
