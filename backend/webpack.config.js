const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { readFileSync } = require('fs');
const { join } = require('path');
const { DefinePlugin } = require('webpack');

const { version } = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8'));

// One bundle build, several processes: the HTTP API (main), the BullMQ worker, the
// operations CLI and the TypeORM CLI's data source.
module.exports = {
  output: {
    path: join(__dirname, '../dist/backend'),
    clean: true,
    library: { type: 'commonjs2' },
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [
        { entryName: 'worker', entryPath: './src/worker.ts' },
        { entryName: 'cli', entryPath: './src/cli.ts' },
        { entryName: 'data-source', entryPath: './src/data-source.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      assets: [],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
    // The version reported by /api/health and the OpenAPI document.
    new DefinePlugin({ 'process.env.HYRKOLL_VERSION': JSON.stringify(version) }),
  ],
};
