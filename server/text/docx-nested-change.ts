/**
 * Text someone suggested inserting and someone else then suggested deleting, as Word writes it: a
 * `w:del` of the second inside a `w:ins` of the first (CT_RunTrackChange may hold run-level
 * tracked changes). The `docx` package writes each of the two alone only: the insertion's own run
 * is swapped for the deletion.
 */
import { DeletedTextRun, InsertedTextRun, type IRunOptions } from 'docx';
import type { DocxChange } from './docx-review.js';

/** `<w:ins (inserted)><w:del (deleted)><w:r>…<w:delText>` */
export class DeletedInsertedTextRun extends InsertedTextRun {
  constructor(options: IRunOptions & { text: string }, inserted: DocxChange, deleted: DocxChange) {
    super({ ...options, ...inserted });
    // root[0] holds the w:ins attributes, root[1] the inserted w:r.
    this.root.splice(1, this.root.length - 1, new DeletedTextRun({ ...options, ...deleted }));
  }
}
