// webpack has no TypeScript support of its own and the project installs no ts-loader: strip the types
// of main.ts with the TypeScript compiler the project already has (Vite does the same with Oxc).
import ts from 'typescript';

export default function transpile(source) {
  return ts.transpileModule(source, {
    fileName: this.resourcePath,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: false },
  }).outputText;
}
