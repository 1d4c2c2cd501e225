import { describe, expect, it } from 'vitest';
import { updateBodyInput } from '../../../shared/contracts/council';

describe('changing a council', () => {
  it('a change of the draft readers leaves the default document kind as it is', () => {
    expect(updateBodyInput.parse({ version: 3, minutesDraftReaders: 'members' })).toEqual({ version: 3, minutesDraftReaders: 'members' });
  });

  it('the default document kind changes only when it is sent', () => {
    expect(updateBodyInput.parse({ version: 3, defaultDocumentKind: 'minnesanteckningar' })).toEqual({ version: 3, defaultDocumentKind: 'minnesanteckningar' });
  });
});
