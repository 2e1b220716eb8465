/**
 * CodeMirror 6 for walkthrough files, loaded only when a walkthrough comes
 * into view. Python files get Python highlighting; everything else is plain
 * text. Tab indents; Escape leaves the editor (focus moves to Run), so the
 * keyboard never gets trapped.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

export interface CodeEditor {
  getText(): string;
  setText(text: string): void;
  focus(): void;
}

export interface EditorOptions {
  label: string;
  /** Id of the text that tells keyboard users how to leave the editor. */
  describedBy?: string;
  onChange(text: string): void;
  onEscape(): void;
}

/** Replaces a textarea with an editor holding the same text. */
export function upgradeTextarea(textarea: HTMLTextAreaElement, options: EditorOptions): CodeEditor {
  const isPython = (textarea.dataset.file ?? '').endsWith('.py');
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        indentOnInput(),
        bracketMatching(),
        indentUnit.of('    '),
        EditorState.tabSize.of(4),
        syntaxHighlighting(classHighlighter),
        isPython ? python() : [],
        keymap.of([
          {
            key: 'Escape',
            run: () => {
              options.onEscape();
              return true;
            },
          },
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.contentAttributes.of({
          'aria-label': options.label,
          ...(options.describedBy ? { 'aria-describedby': options.describedBy } : {}),
          spellcheck: 'false',
          autocapitalize: 'off',
          tabindex: '0',
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  // Same box as the textarea it replaces (Step.astro gives the textarea this
  // height too), so upgrading never shifts the page under the reader; longer
  // files scroll inside the editor.
  view.dom.style.height = `calc(${textarea.rows} * 1.5em + 1.2rem + 2px)`;
  textarea.hidden = true;
  textarea.after(view.dom);
  return {
    getText: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
  };
}
