// Layering as an allow-list (DESIGN §2; VS Code's code-layering rule in spirit):
// every file under src/ belongs to one layer, and a layer may import only what
// its entry in eslint.config.js lists. Anything not listed is an error, so a new
// folder, package or trick has to be allowed on purpose, with a reason.
//
// Checked: static imports and re-exports, `import()` (types and values),
// `require()` (also `x.require()`), `import x = require()` and
// `process.getBuiltinModule()`; a computed specifier is an error because nobody
// can check it. The options are described by the schema below.
import { isBuiltin } from 'node:module';
import path from 'node:path';

const packageEntry = {
  oneOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: { name: { type: 'string' }, names: { type: 'array', items: { type: 'string' } } },
      required: ['name', 'names'],
      additionalProperties: false,
    },
  ],
};

const layerEntry = {
  oneOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: { layer: { type: 'string' }, onlyIn: { type: 'array', items: { type: 'string' } } },
      required: ['layer', 'onlyIn'],
      additionalProperties: false,
    },
  ],
};

const schema = [
  {
    type: 'object',
    properties: {
      // The project root the folders are relative to (default: ESLint's cwd).
      root: { type: 'string' },
      layers: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: {
            folder: { type: 'string' },
            why: { type: 'string' },
            layers: { type: 'array', items: layerEntry },
            packages: { type: 'array', items: packageEntry },
            builtins: { enum: ['all', 'none'] },
            forbiddenBuiltins: { type: 'array', items: { type: 'string' } },
            forbiddenIdentifiers: { type: 'array', items: { type: 'string' } },
            extensions: { type: 'array', items: { type: 'string' } },
          },
          required: ['folder', 'why', 'layers', 'packages', 'builtins'],
          additionalProperties: false,
        },
      },
      // Named exports that only the listed files may use, e.g. raw ipcMain.
      restrictedNames: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            package: { type: 'string' },
            names: { type: 'array', items: { type: 'string' } },
            onlyIn: { type: 'array', items: { type: 'string' } },
            why: { type: 'string' },
          },
          required: ['package', 'names', 'onlyIn', 'why'],
          additionalProperties: false,
        },
      },
    },
    required: ['layers'],
    additionalProperties: false,
  },
];

const toPosix = (p) => p.split(path.sep).join('/');
const inFolder = (file, folder) => file === folder || file.startsWith(`${folder}/`);

/** 'react-dom/client' → 'react-dom', '@radix-ui/react-dialog/x' → '@radix-ui/react-dialog'. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function builtinName(specifier) {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier.split('/')[0];
}

/** The string a specifier node stands for, or null when it is computed. */
function staticString(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

/** The layer owning `file` (project-relative, posix): the deepest folder that holds it. */
function layerOf(layers, file) {
  let best = null;
  for (const [name, layer] of Object.entries(layers)) {
    if (inFolder(file, layer.folder) && (!best || layer.folder.length > best.layer.folder.length)) best = { name, layer };
  }
  return best;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Each src/ layer imports only what its allow-list names.' },
    schema,
    messages: {
      noLayer: '{{file}} is under src/ but in no layer; put it in a layer folder or add the folder to the layering config.',
      extension: '{{layer}} holds only {{extensions}} files ({{why}}).',
      notAllowed: "{{layer}} may not import '{{specifier}}' ({{what}}): {{why}}",
      onlyIn: "'{{specifier}}' ({{what}}) may be imported only by {{onlyIn}} in {{layer}}.",
      computed: 'A computed module specifier cannot be checked by the layering rule; import a literal path.',
      identifier: "'{{name}}' is forbidden in {{layer}}: {{why}}",
      byName:
        "Import '{{specifier}}' by name ({ a, b }), not as a whole module: {{layer}} may use only {{names}} of it, and lint must see which.",
      name: "{{layer}} may not use '{{name}}' from '{{specifier}}': only {{names}}.",
      wholeRestricted: "Import '{{specifier}}' by name ({ a, b }), not as a whole module: {{names}} from it are allowed only in named files, and lint must see what is taken.",
      restricted: "'{{name}}' from '{{specifier}}' is allowed only in {{onlyIn}}: {{why}}",
    },
  },

  create(context) {
    const options = context.options[0] ?? { layers: {} };
    const root = options.root ?? context.cwd;
    const file = toPosix(path.relative(root, context.filename));
    if (!inFolder(file, 'src')) return {};
    const owner = layerOf(options.layers, file);
    if (!owner) {
      return { Program: (node) => context.report({ node, messageId: 'noLayer', data: { file } }) };
    }
    const { name: layerName, layer } = owner;
    const layerLabel = layer.folder;
    const restrictedNames = options.restrictedNames ?? [];

    /** What a specifier points at: a layer, a package, a builtin, or outside every layer. */
    function classify(specifier) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = toPosix(path.relative(root, path.resolve(path.dirname(context.filename), specifier)));
        const hit = layerOf(options.layers, target);
        return hit ? { kind: 'layer', name: hit.name, what: `${hit.layer.folder}` } : { kind: 'outside', what: target };
      }
      if (isBuiltin(specifier)) return { kind: 'builtin', name: builtinName(specifier), what: 'Node built-in' };
      return { kind: 'package', name: packageOf(specifier), what: 'package' };
    }

    function packageRule(name) {
      for (const entry of layer.packages) {
        if (entry === name) return { names: null };
        if (typeof entry === 'object' && entry.name === name) return { names: entry.names };
      }
      return null;
    }

    /**
     * Checks one specifier. `names` is the list of named bindings taken from it,
     * or null when the whole module is taken (namespace, default, bare require).
     * Returns nothing; reports on `node`.
     */
    function check(node, specifier, names) {
      const target = classify(specifier);
      const refuse = () =>
        context.report({ node, messageId: 'notAllowed', data: { layer: layerLabel, specifier, what: target.what, why: layer.why } });

      if (target.kind === 'outside') return refuse();
      if (target.kind === 'layer') {
        if (target.name === layerName) return;
        const entry = layer.layers.find((l) => (typeof l === 'string' ? l : l.layer) === target.name);
        if (!entry) return refuse();
        if (typeof entry === 'object' && !entry.onlyIn.includes(file)) {
          context.report({ node, messageId: 'onlyIn', data: { specifier, what: target.what, onlyIn: entry.onlyIn.join(', '), layer: layerLabel } });
        }
        return;
      }
      if (target.kind === 'builtin') {
        const forbidden = (layer.forbiddenBuiltins ?? []).includes(target.name);
        if (layer.builtins !== 'all' || forbidden) refuse();
        return;
      }
      const rule = packageRule(target.name);
      if (!rule) return refuse();
      if (rule.names) {
        if (names === null) {
          context.report({ node, messageId: 'byName', data: { specifier, layer: layerLabel, names: rule.names.join(', ') } });
          return;
        }
        for (const n of names) {
          if (!rule.names.includes(n)) context.report({ node, messageId: 'name', data: { layer: layerLabel, name: n, specifier, names: rule.names.join(', ') } });
        }
      }
      checkRestricted(node, specifier, target.name, names);
    }

    function checkRestricted(node, specifier, pkg, names) {
      const applicable = restrictedNames.filter((r) => r.package === pkg && !r.onlyIn.includes(file));
      if (applicable.length === 0) return;
      if (names === null) {
        const held = applicable.flatMap((r) => r.names).join(', ');
        context.report({ node, messageId: 'wholeRestricted', data: { specifier, names: held } });
        return;
      }
      for (const r of applicable) {
        for (const n of names) {
          if (r.names.includes(n)) context.report({ node, messageId: 'restricted', data: { name: n, specifier, onlyIn: r.onlyIn.join(', '), why: r.why } });
        }
      }
    }

    const importedName = (spec) => (spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value);

    /** Names taken by `const { a, b: c } = <node>`, or null if the binding is not a plain destructuring. */
    function destructuredNames(node) {
      let parent = node.parent;
      if (parent?.type === 'AwaitExpression') parent = parent.parent;
      if (parent?.type !== 'VariableDeclarator' || parent.id.type !== 'ObjectPattern') return null;
      const names = [];
      for (const p of parent.id.properties) {
        if (p.type !== 'Property' || p.computed || p.key.type !== 'Identifier') return null;
        names.push(p.key.name);
      }
      return names;
    }

    function checkCallSpecifier(node, argument) {
      const specifier = staticString(argument);
      if (specifier === null) return context.report({ node, messageId: 'computed' });
      check(node, specifier, destructuredNames(node));
    }

    // require(), and module.require() / process.mainModule.require() alike.
    const isRequire = (callee) =>
      (callee.type === 'Identifier' && callee.name === 'require') ||
      (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'require');
    const isGetBuiltinModule = (callee) =>
      callee.type === 'MemberExpression' &&
      !callee.computed &&
      callee.property.type === 'Identifier' &&
      callee.property.name === 'getBuiltinModule';

    const forbiddenIdentifiers = layer.forbiddenIdentifiers ?? [];
    const reportedAt = new Set();

    return {
      Program(node) {
        if (layer.extensions && !layer.extensions.some((ext) => file.endsWith(ext))) {
          context.report({ node, messageId: 'extension', data: { layer: layerLabel, extensions: layer.extensions.join(', '), why: layer.why } });
        }
      },
      ImportDeclaration(node) {
        const whole = node.specifiers.some((s) => s.type !== 'ImportSpecifier');
        const names = whole ? null : node.specifiers.map(importedName);
        check(node, node.source.value, names);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.specifiers.map((s) => (s.local.type === 'Identifier' ? s.local.name : s.local.value)));
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, null);
      },
      ImportExpression(node) {
        checkCallSpecifier(node, node.source);
      },
      TSImportType(node) {
        const literal = node.source ?? node.argument?.literal;
        const specifier = staticString(literal);
        if (specifier === null) return context.report({ node, messageId: 'computed' });
        // `import('electron').ipcMain.X`: the leftmost name is the one taken.
        let first = node.qualifier;
        while (first && first.type === 'TSQualifiedName') first = first.left;
        check(node, specifier, first?.type === 'Identifier' ? [first.name] : null);
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type !== 'TSExternalModuleReference') return;
        checkCallSpecifier(node, node.moduleReference.expression);
      },
      CallExpression(node) {
        if (isRequire(node.callee) || isGetBuiltinModule(node.callee)) {
          checkCallSpecifier(node, node.arguments[0]);
        }
      },
      Identifier(node) {
        // `import { createRequire }` has two Identifier nodes at one place: report once.
        if (forbiddenIdentifiers.includes(node.name) && !reportedAt.has(node.range[0])) {
          reportedAt.add(node.range[0]);
          context.report({ node, messageId: 'identifier', data: { name: node.name, layer: layerLabel, why: layer.why } });
        }
      },
    };
  },
};
