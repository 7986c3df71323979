import { readdirSync } from 'node:fs';

import baseConfig from '../eslint.config.mjs';

/**
 * The layers of the feature modules, bottom up. A module imports only modules of lower layers,
 * so dependencies point one way and no two modules import each other. Where a lower module needs
 * something of a higher one, it declares an abstract class (a port, such as `OrderApprovals` or
 * `NoticeSource`) and the composition root passes the module that provides it
 * (docs/architecture.md, "Dependencies").
 */
const LAYERS = [
  [
    'audit',
    'client-errors',
    'health',
    'metrics',
    'notifications',
    'operations',
    'purchased-hours',
    'rollups',
  ],
  ['board-comments', 'imports', 'org', 'policy', 'users'],
  ['agreement', 'auth'],
  ['operator', 'orders'],
  ['dispensations'],
  ['scheduler'],
];

const unlisted = readdirSync(new URL('./src/modules/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !LAYERS.flat().includes(entry.name))
  .map((entry) => entry.name);
if (unlisted.length > 0) {
  throw new Error(
    `backend/eslint.config.mjs: put src/modules/{${unlisted.join(',')}} into a layer of LAYERS`,
  );
}

const layering = LAYERS.flatMap((layer, level) =>
  layer.flatMap((module) => {
    const above = LAYERS.slice(level)
      .flat()
      .filter((other) => other !== module);
    if (above.length === 0) return [];
    return {
      files: [`src/modules/${module}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: above.map((other) => `../${other}/*`),
                message: `modules/${module} may import only modules of lower layers (backend/eslint.config.mjs).`,
              },
            ],
          },
        ],
      },
    };
  }),
);

export default [
  ...baseConfig,
  {
    files: ['src/common/**/*.ts', 'src/config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/*', '**/modules/**'],
              message: 'common/ and config/ sit below the feature modules and import none.',
            },
          ],
        },
      ],
    },
  },
  ...layering,
];
