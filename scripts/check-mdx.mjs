// Parses one chapter file with the MDX parser the site uses and lists what
// it found (checklist items, walkthrough steps, headings), for authors:
//   node scripts/check-mdx.mjs content/en/<slug>.mdx
import { readFileSync } from 'node:fs';
import { defineMdastPlugin, mdxToJs } from 'satteri';

const file = process.argv[2];
const source = readFileSync(file, 'utf8');
const found = [];
const plugin = defineMdastPlugin({
  name: 'list',
  options: { position: true },
  heading(node, ctx) {
    found.push(`${node.position?.start.line}: ${'#'.repeat(node.depth)} ${ctx.textContent(node)}`);
  },
  mdxJsxFlowElement(node) {
    const attrs = (node.attributes ?? []).map((a) => `${a.name}=${JSON.stringify(typeof a.value === 'string' ? a.value : '{…}')}`).join(' ');
    found.push(`${node.position?.start.line}: <${node.name} ${attrs}>`);
  },
  mdxJsxTextElement(node) {
    const attrs = (node.attributes ?? []).map((a) => `${a.name}=${JSON.stringify(typeof a.value === 'string' ? a.value : '{…}')}`).join(' ');
    found.push(`${node.position?.start.line}: inline <${node.name} ${attrs}>`);
  },
});
try {
  mdxToJs(source, { mdastPlugins: [plugin] });
} catch (error) {
  console.error(`${file}: MDX does not parse: ${error.message}`);
  process.exit(1);
}
console.log(found.join('\n'));
console.log(`${file}: parses`);
