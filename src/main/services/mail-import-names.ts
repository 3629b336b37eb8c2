/** Names and types of the files an e-mail carries, as the import stores them. */

const MIME_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.webp': 'image/webp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
  '.eml': 'message/rfc822',
  '.msg': 'application/vnd.ms-outlook',
};

export function mimeForName(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot >= 0 && MIME_BY_EXTENSION[name.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'message/rfc822': 'eml',
};

/** A name fit to store: no folders, no control characters, at most 255 characters; one made up when the message gives none. */
export function safeName(name: string | null | undefined, mime: string, index: number): string {
  const cleaned = (name ?? '')
    .replace(/[\\/]/g, '_')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  if (cleaned && cleaned !== '.' && cleaned !== '..') {
    if (cleaned.length <= 255) return cleaned;
    const dot = cleaned.lastIndexOf('.');
    const ext = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
    return cleaned.slice(0, 255 - ext.length) + ext;
  }
  return `attachment-${index + 1}.${EXTENSIONS[mime] ?? 'bin'}`;
}
