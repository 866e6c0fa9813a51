export default function Home() {
  return <main>Profile Console</main>;
}
