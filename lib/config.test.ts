import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('ELASTICSEARCH_URL', () => {
  it('is accepted with a path prefix', () => {
    expect(parseConfig({ ELASTICSEARCH_URL: 'https://es.example.com:9200/prefix' }).ELASTICSEARCH_URL).toBe('https://es.example.com:9200/prefix');
  });

  it('refuses credentials in the URL without repeating them', () => {
    let error: unknown;
    try {
      parseConfig({ ELASTICSEARCH_URL: 'https://elastic:s3cret-pw@es.example.com:9200' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('ELASTICSEARCH_URL must not contain credentials');
    expect((error as Error).message).not.toContain('s3cret-pw');
  });
});
