import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureSystemTool, java, type SystemTool } from '../../local/system-tools.ts';

afterEach(() => vi.restoreAllMocks());

const missing = (name: string): SystemTool => ({ name, aptPackages: ['no-such-package-mcc'], problem: () => 'not on PATH' });

describe('ensureSystemTool', () => {
  it('does nothing when the tool is usable', () => {
    const problem = vi.fn(() => undefined);
    ensureSystemTool({ name: 'present', aptPackages: ['x'], problem });
    expect(problem).toHaveBeenCalledTimes(1);
  });

  it('without root, stops with a message naming the tool and the apt command that installs it', () => {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    expect(() => ensureSystemTool(missing('Chromium'))).toThrow(
      'MCC needs Chromium: not on PATH. Install it, e.g. `sudo apt-get install -y --no-install-recommends no-such-package-mcc`',
    );
  });

  it('finds the Java that DynamoDB Local needs on this machine', () => {
    expect(java.problem()).toBeUndefined();
  });
});
