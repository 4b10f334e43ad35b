import { CertifiedListMetaSchema } from '#domain/certified-list.ts';
import { ValidationError } from '#domain/errors.ts';
import { toValidationError } from '../validation.ts';

/** The list's facts from the form (or the progress query): designation "tier:x" / "label:y". */
export function listMetaFrom(get: (name: string) => string | undefined) {
  const [type, value] = (get('designation') ?? '').split(':');
  const input = {
    authority: get('authority'),
    authorityRegion: get('authorityRegion'),
    ...(type === 'label' ? { label: value } : { tier: value || undefined }),
    level: get('level'),
    batch: get('batch'),
    listedOn: get('listedOn'),
    kind: get('kind') ?? 'certified',
  };
  const parsed = CertifiedListMetaSchema.safeParse(input);
  if (!parsed.success) {
    const error = toValidationError(parsed.error);
    // The form has one select for tier and label.
    throw new ValidationError(
      error.fields.map((f) => ({
        ...f,
        path: f.path === 'tier' || f.path === 'label' ? 'designation' : f.path,
      })),
      error.zh,
      error.en,
    );
  }
  return parsed.data;
}
