import { conformanceTargets, errorOf } from '../../testing/conformance';
import { emptyRecord } from '../invocation';

/*
 * util.xml conformance. "AWS docs" cases are the two examples of xml-helpers-in-util-xml-js (the
 * only outputs AWS publishes; localstack/appsync-utils recorded none). The other cases pin the
 * org.json XML.toJSONObject conventions those examples follow: attributes as keys, trimmed text
 * under "content", repeated elements as lists, typed scalar text.
 */

type ValueCase = readonly [behaviour: string, xml: string, expected: unknown];
type ErrorCase = readonly [behaviour: string, fn: string, args: readonly unknown[]];

const DOCS_ONE_POST = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
    <id>1</id>
    <title>Getting started with GraphQL</title>
</post>
</posts>`;

const DOCS_TWO_POSTS = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
<post>
  <id>2</id>
  <title>Getting started with AppSync</title>
</post>
</posts>`;

const DOCS_ONE_POST_MAP = { posts: { post: { id: 1, title: 'Getting started with GraphQL' } } };

const toMapCases: readonly ValueCase[] = [
  ['AWS docs example 1: nested elements, numeric text', DOCS_ONE_POST, DOCS_ONE_POST_MAP],
  [
    'AWS docs example 2: a repeated element becomes a list',
    DOCS_TWO_POSTS,
    {
      posts: {
        post: [
          { id: 1, title: 'Getting started with GraphQL' },
          { id: 2, title: 'Getting started with AppSync' },
        ],
      },
    },
  ],
  [
    'attributes sit next to the text, which goes under "content"',
    '<item id="7" type="book">Title</item>',
    { item: { id: 7, type: 'book', content: 'Title' } },
  ],
  ['an element with only attributes', '<a x="1" y="two"/>', { a: { x: 1, y: 'two' } }],
  ['an empty element becomes ""', '<r><a></a><b/></r>', { r: { a: '', b: '' } }],
  [
    'repeated elements keep document order; other keys follow first appearance',
    '<r><b>1</b><c/><b>2</b></r>',
    { r: { b: [1, 2], c: '' } },
  ],
  [
    'mixed content collects the text pieces',
    '<p>Hello <b>world</b> again</p>',
    { p: { content: ['Hello', 'again'], b: 'world' } },
  ],
  ['text is trimmed', '<a>\n   padded  \t</a>', { a: 'padded' }],
  ['whitespace-only text is dropped', '<a>  <b>1</b>  </a>', { a: { b: 1 } }],
  [
    'true, false and null (any case), integers and decimals become typed values',
    '<v><t>true</t><f>FALSE</f><n>null</n><i>-42</i><d>1.50</d><e>1e3</e></v>',
    { v: { t: true, f: false, n: null, i: -42, d: 1.5, e: 1000 } },
  ],
  [
    'non-canonical or out-of-range numbers stay text',
    '<v><z>007</z><p>+5</p><h>0x1A</h><big>12345678901234567890</big><dot>.5</dot></v>',
    { v: { z: '007', p: '+5', h: '0x1A', big: '12345678901234567890', dot: '.5' } },
  ],
  [
    'attribute values are typed too',
    '<a n="3" b="true" s="007"/>',
    { a: { n: 3, b: true, s: '007' } },
  ],
  ['CDATA stays text, untrimmed and untyped', '<c><![CDATA[ 42 ]]></c>', { c: ' 42 ' }],
  [
    'predefined and numeric entities are decoded; unknown ones are kept',
    '<a b="&lt;&amp;&quot;">&#65;&#x42;&apos;&unknown;</a>',
    { a: { b: '<&"', content: "AB'&unknown;" } },
  ],
  [
    'namespace prefixes and xmlns attributes are kept',
    '<s:Envelope xmlns:s="urn:x"><s:Body>1</s:Body></s:Envelope>',
    { 's:Envelope': { 'xmlns:s': 'urn:x', 's:Body': 1 } },
  ],
  [
    'an attribute and a child with one name form a list',
    '<a id="1"><id>2</id></a>',
    { a: { id: [1, 2] } },
  ],
  [
    'a comment splits text into two pieces (org.json nests them in a list)',
    '<a>x<!-- c -->y</a>',
    { a: [['x', 'y']] },
  ],
  [
    'declarations, doctypes and processing instructions are skipped',
    '<?xml version="1.0"?><!DOCTYPE a><?pi x?><a>1</a>',
    { a: 1 },
  ],
  [
    'prototype names stay data',
    '<__proto__><constructor>1</constructor></__proto__>',
    JSON.parse('{"__proto__":{"constructor":1}}'),
  ],
  ['blank input gives an empty map', '  ', {}],
];

const errorCases: readonly ErrorCase[] = [
  ['a mismatched closing tag', 'toMap', ['<a><b></a>']],
  ['an attribute without a value', 'toMap', ['<a b>x</a>']],
  ['text that is not XML', 'toMap', ['not xml']],
  ['two root elements', 'toMap', ['<a>1</a><b>2</b>']],
  ['an unclosed element', 'toJsonString', ['<a>']],
  ['a number', 'toMap', [5]],
  ['a stringEncode flag that is not a boolean', 'toJsonString', ['<a/>', 'yes']],
];

for (const target of conformanceTargets()) {
  describe(`util.xml [${target.name}]`, () => {
    describe('util.xml.toMap', () => {
      it.each(toMapCases)('%s', (_b, xml, expected) => {
        expect(target.call('util.xml.toMap', [xml])).toEqual({
          value: expected,
          record: emptyRecord(),
        });
      });

      it('keeps document order for keys', () => {
        const outcome = target.call('util.xml.toMap', ['<r z="1"><y>2</y><x>3</x></r>']);
        expect(JSON.stringify('value' in outcome && outcome.value)).toBe(
          '{"r":{"z":1,"y":2,"x":3}}',
        );
      });

      it('returns null for null', () => {
        expect(target.call('util.xml.toMap', [null])).toEqual({
          value: null,
          record: emptyRecord(),
        });
      });
    });

    describe('util.xml.toJsonString', () => {
      it.each<readonly [string, readonly unknown[], string]>([
        ['AWS docs example 1 as compact JSON', [DOCS_ONE_POST], JSON.stringify(DOCS_ONE_POST_MAP)],
        [
          'stringEncode false is the same JSON',
          [DOCS_ONE_POST, false],
          JSON.stringify(DOCS_ONE_POST_MAP),
        ],
        [
          'stringEncode true wraps the JSON in a JSON string literal',
          ['<a b="1">x</a>', true],
          '"{\\"a\\":{\\"b\\":1,\\"content\\":\\"x\\"}}"',
        ],
      ])('%s', (_b, args, expected) => {
        expect(target.call('util.xml.toJsonString', args)).toEqual({
          value: expected,
          record: emptyRecord(),
        });
      });
    });

    it.each(errorCases)('rejects %s', (_b, fn, args) => {
      const outcome = target.call(`util.xml.${fn}`, args);
      expect(outcome).toEqual({
        error: expect.stringMatching(new RegExp(`^(Type)?Error: util\\.xml\\.${fn}: `)),
        record: emptyRecord(),
      });
      expect(errorOf(outcome)).toMatchSnapshot();
    });
  });
}
