// Everything Mantine has: loaded with the pages behind sign-in (filing, the officials' workspace,
// the administration), which use most of it. Layered, so it cannot override our own CSS.
import '@mantine/core/styles.layer.css';
