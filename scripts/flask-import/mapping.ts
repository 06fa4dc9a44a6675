import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The old Flask-SQLAlchemy tables and the columns the import reads, by their default names. */
export const DEFAULT_MAPPING = {
  user: {
    table: 'user',
    columns: {
      id: 'id',
      username: 'username',
      email: 'email',
      first_name: 'first_name',
      last_name: 'last_name',
      password: 'password',
    },
  },
  profile_card: {
    table: 'profile_card',
    columns: {
      id: 'id',
      user_id: 'user_id',
      occupation: 'occupation',
      homeaddress: 'homeaddress',
      country: 'country',
      county: 'county',
      image: 'image',
    },
  },
  social_links: {
    table: 'social_links',
    columns: {
      id: 'id',
      user_id: 'user_id',
      linkedin: 'linkedin',
      facebook: 'facebook',
      github: 'github',
      instagram: 'instagram',
      twitter: 'twitter',
      youtube: 'youtube',
      description: 'description',
    },
  },
} as const;

type Defaults = typeof DEFAULT_MAPPING;
export type TableName = keyof Defaults;
export type Mapping = { [T in TableName]: { table: string; columns: Record<keyof Defaults[T]['columns'], string> } };

const identifier = z.string().min(1).max(64);
function tableOverride<T extends TableName>(name: T) {
  const columns = Object.keys(DEFAULT_MAPPING[name].columns) as [string, ...string[]];
  return z
    .object({
      table: identifier.optional(),
      columns: z.partialRecord(z.enum(columns), identifier).optional(),
    })
    .strict();
}
const mappingFile = z
  .object({
    user: tableOverride('user'),
    profile_card: tableOverride('profile_card'),
    social_links: tableOverride('social_links'),
  })
  .partial()
  .strict();

export type MappingOverrides = z.infer<typeof mappingFile>;

/** The defaults with a mapping file's renames applied; unknown keys are an error, not a silent no-op. */
export function resolveMapping(overrides: MappingOverrides = {}): Mapping {
  const resolved = structuredClone(DEFAULT_MAPPING) as unknown as Mapping;
  for (const name of Object.keys(DEFAULT_MAPPING) as TableName[]) {
    const override = overrides[name];
    if (!override) continue;
    if (override.table) resolved[name].table = override.table;
    Object.assign(resolved[name].columns, override.columns ?? {});
  }
  return resolved;
}

export function readMappingFile(path: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the mapping file ${path}: ${(error as Error).message}`);
  }
  const parsed = mappingFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`The mapping file ${path} is not valid at "${issue.path.join('.')}": ${issue.message}`);
  }
  return resolveMapping(parsed.data);
}
