// An approver's edit reaches Workfront as edited: the task carries the
// approver's text and says whose edit it is.
import { describe, expect, it } from 'vitest';
import { taskFields } from '../../functions/use-cases/sync-to-workfront.ts';
import { aPost } from '../support/posts.ts';

describe('a Workfront task for an edited post', () => {
  it('carries the approver’s text and says whose edit it is; an unedited post says nothing of the kind', () => {
    const content = { body: 'Five checks we run before every close.', callToAction: 'Get the checklist' };
    const edited = taskFields(aPost('c', 1, { status: 'GENERATED', content, editedBy: 'lee@acme.example', editedAt: '2027-01-05T10:00:00.000Z' }), 'proj-1');
    expect(edited.description).toBe('Announcement e-mail number 1\n\nEdited in review by lee@acme.example at 2027-01-05T10:00:00.000Z\n\nFive checks we run before every close.');
    expect(taskFields(aPost('c', 1, { status: 'GENERATED', content }), 'proj-1').description).toBe('Announcement e-mail number 1\n\nFive checks we run before every close.');
  });
});
