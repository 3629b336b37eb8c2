/** `electron-squirrel-startup` ships no types: it exports whether this start was a Squirrel install event. */
declare module 'electron-squirrel-startup' {
  const handledSquirrelEvent: boolean;
  export default handledSquirrelEvent;
}
