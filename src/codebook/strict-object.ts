import { z } from 'zod';
import { didYouMean } from '../util/nearest.ts';

/**
 * `z.strictObject` whose unknown-key error names the key and suggests the nearest known one, so
 * `quesitons:` reads "unknown key `quesitons` (did you mean `questions`?)".
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const keys = issue.keys as string[];
      const listed = keys.map((key) => `\`${key}\`${didYouMean(key, known)}`).join(', ');
      return `unknown key${keys.length > 1 ? 's' : ''} ${listed}; allowed here: ${known.join(', ')}`;
    },
  });
}
