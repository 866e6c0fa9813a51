import { describe, expect, it } from 'vitest';
import { offersProfileActivation } from './types';

describe('offersProfileActivation', () => {
  it('is offered for native users and for elastic', () => {
    expect(offersProfileActivation({ username: 'jacknich', reserved: false })).toBe(true);
    expect(offersProfileActivation({ username: 'elastic', reserved: true })).toBe(true);
  });

  it('is not offered for reserved service users such as kibana_system', () => {
    for (const username of ['kibana_system', 'kibana', 'logstash_system', 'beats_system', 'apm_system', 'remote_monitoring_user']) {
      expect(offersProfileActivation({ username, reserved: true })).toBe(false);
    }
  });

  it('goes by the reserved flag, not the name: a native user may be called kibana_system2', () => {
    expect(offersProfileActivation({ username: 'kibana_system2', reserved: false })).toBe(true);
  });
});
