import { describe, expect, it } from 'vitest';
import { groupLinkNotices } from '../../../src/labs/shared/useNotices';
import { readLabLink } from '../../../src/labs/adversarial/labLink';

describe('groupLinkNotices', () => {
  it('keeps a single notice as it is', () => {
    expect(groupLinkNotices([])).toEqual([]);
    expect(groupLinkNotices([{ kind: 'warning', text: 'one' }])).toEqual([{ kind: 'warning', text: 'one' }]);
  });

  it('turns a messy link into one notice with a list of what was wrong', () => {
    const link = readLabLink('gLr=abc&dLr=x&seed=-1&sigma=9&colour=blue&noise=pink&layers=glitter');
    expect(link.notices).toHaveLength(7);
    const grouped = groupLinkNotices(link.notices.map((text) => ({ kind: 'warning' as const, text })));
    expect(grouped).toHaveLength(1);
    expect(grouped[0].kind).toBe('warning');
    expect(grouped[0].text).toMatch(/^7 parts of the link/);
    expect(grouped[0].items).toEqual(link.notices);
  });
});
