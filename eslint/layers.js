// @ts-check
import { builtinModules } from 'node:module';
import { posix, relative, sep } from 'node:path';

/**
 * Import boundaries as allow-lists (ARCHITECTURE.md). Every file belongs to exactly one layer —
 * the one with the longest matching path prefix — and imports only from the path prefixes and
 * packages its layer allows (its own prefix always). A file no layer covers is an error, so a
 * new folder is placed on purpose, never by default.
 *
 * @typedef {{ name: string, files: string[], allow: string[], packages: string[] }} Layer
 */

/** Node's own modules, with or without `node:`. */
const NODE = 'node:';
const builtins = new Set(builtinModules);

/** @param {string} specifier */
function packageOf(specifier) {
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0] ?? '')) return NODE;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * @param {string} path a path relative to the repository root, with forward slashes
 * @param {Layer[]} layers
 * @returns {{ layer: Layer, prefix: string } | null}
 */
export function layerOf(path, layers) {
  /** @type {{ layer: Layer, prefix: string } | null} */
  let best = null;
  for (const layer of layers) {
    for (const prefix of layer.files) {
      const hit = prefix.endsWith('/')
        ? path.startsWith(prefix)
        : path === prefix || stripExtension(path) === stripExtension(prefix);
      if (hit && (!best || prefix.length > best.prefix.length)) best = { layer, prefix };
    }
  }
  return best;
}

/** @param {string} path */
function stripExtension(path) {
  return path.replace(/\.(?:[cm]?[jt]sx?)$/, '');
}

/**
 * Whether `layer` may import `specifier` from the file at `fromPath`; null when it may, else why.
 * @param {Layer} layer
 * @param {string} fromPath
 * @param {string} specifier
 * @param {Layer[]} layers
 */
export function refusal(layer, fromPath, specifier, layers) {
  if (specifier.startsWith('.')) {
    const target = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
    const own = layer.files.filter((p) => p.endsWith('/'));
    const allowed = [...own, ...layer.allow];
    const covers = (p) =>
      p === '' || p.endsWith('/') ? target.startsWith(p) : samePath(target, p);
    // A folder's import ('../calls') is its index.ts.
    if (allowed.some(covers) || allowed.some((p) => samePath(`${target}/index`, p))) return null;
    const other = layerOf(target, layers);
    return `${layer.name} may not import ${target} (${other ? other.layer.name : 'no layer'}).`;
  }
  const pkg = packageOf(specifier);
  if (layer.packages.includes('*') || layer.packages.includes(pkg)) return null;
  return `${layer.name} may not import the package ${pkg === NODE ? `Node's ${specifier}` : pkg}.`;
}

/** @param {string} a @param {string} b */
function samePath(a, b) {
  return stripExtension(a) === stripExtension(b);
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers allow-list (eslint.config.js)' },
    schema: [{ type: 'object', properties: { layers: { type: 'array' } }, required: ['layers'] }],
  },
  create(context) {
    /** @type {Layer[]} */
    const layers = context.options[0].layers;
    const path = relative(context.cwd, context.filename).split(sep).join('/');
    const found = layerOf(path, layers);
    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (!found || typeof source !== 'string') return;
      const why = refusal(found.layer, path, source, layers);
      if (why) context.report({ node, message: why });
    };
    return {
      Program(node) {
        if (!found)
          context.report({
            node,
            message: `No layer covers ${path}: add it to the layers in eslint.config.js.`,
          });
      },
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) =>
        node.source.type === 'Literal' ? check(node, node.source.value) : undefined,
      // The other ways in, so a rule turned off elsewhere cannot open a hole in this one:
      // `require('x')`, `import x = require('x')` and `import('x').T` in a type.
      CallExpression: (node) => {
        const [first] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          check(node, first?.type === 'Literal' ? first.value : undefined);
      },
      /** @param {any} node typescript-eslint's TSImportEqualsDeclaration */
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference'
          ? check(node, node.moduleReference.expression.value)
          : undefined,
      /** @param {any} node typescript-eslint's TSImportType */
      TSImportType: (node) => check(node, node.source?.value ?? node.argument?.literal?.value),
    };
  },
};

export const layersPlugin = { rules: { layers: rule } };
